using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meeting_series",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartLocal = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Where = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReminderOffsets = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_series_working_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "working_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "occurrence_changes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    OriginalDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NewStartLocal = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByPersonId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_occurrence_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_occurrence_changes_meeting_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "meeting_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "talks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurrenceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SpeakerPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    SpeakerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AddedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_talks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_talks_meeting_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "meeting_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_talks_people_SpeakerPersonId",
                        column: x => x.SpeakerPersonId,
                        principalTable: "people",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_series_GroupId_Slug",
                table: "meeting_series",
                columns: new[] { "GroupId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_occurrence_changes_SeriesId_OriginalDate",
                table: "occurrence_changes",
                columns: new[] { "SeriesId", "OriginalDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_talks_SeriesId_OccurrenceDate",
                table: "talks",
                columns: new[] { "SeriesId", "OccurrenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_talks_SpeakerPersonId",
                table: "talks",
                column: "SpeakerPersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "occurrence_changes");

            migrationBuilder.DropTable(
                name: "talks");

            migrationBuilder.DropTable(
                name: "meeting_series");
        }
    }
}
