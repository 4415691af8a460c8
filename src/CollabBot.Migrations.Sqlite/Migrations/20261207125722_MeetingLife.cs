using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AlternateKinds",
                table: "meeting_series",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "meeting_duties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_duties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_duties_meeting_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "meeting_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_minutes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurrenceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AddedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_minutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_minutes_meeting_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "meeting_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_minutes_people_AddedByPersonId",
                        column: x => x.AddedByPersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rsvps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurrenceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rsvps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rsvps_meeting_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "meeting_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_rsvps_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "topic_ideas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SpeakerPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    SpeakerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SuggestedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    SuggestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: true),
                    OccurrenceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByPersonId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_topic_ideas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_topic_ideas_meeting_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "meeting_series",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_topic_ideas_people_SpeakerPersonId",
                        column: x => x.SpeakerPersonId,
                        principalTable: "people",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_topic_ideas_people_SuggestedByPersonId",
                        column: x => x.SuggestedByPersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_topic_ideas_working_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "working_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_turns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DutyId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurrenceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_turns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_turns_meeting_duties_DutyId",
                        column: x => x.DutyId,
                        principalTable: "meeting_duties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_duty_turns_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_volunteers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DutyId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_volunteers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_volunteers_meeting_duties_DutyId",
                        column: x => x.DutyId,
                        principalTable: "meeting_duties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_duty_volunteers_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "topic_votes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_topic_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_topic_votes_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_topic_votes_topic_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "topic_ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duty_turns_DutyId_OccurrenceDate",
                table: "duty_turns",
                columns: new[] { "DutyId", "OccurrenceDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_turns_PersonId",
                table: "duty_turns",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_volunteers_DutyId_PersonId",
                table: "duty_volunteers",
                columns: new[] { "DutyId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_volunteers_PersonId",
                table: "duty_volunteers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_duties_SeriesId_Name",
                table: "meeting_duties",
                columns: new[] { "SeriesId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_minutes_AddedByPersonId",
                table: "meeting_minutes",
                column: "AddedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_minutes_SeriesId_OccurrenceDate",
                table: "meeting_minutes",
                columns: new[] { "SeriesId", "OccurrenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_PersonId",
                table: "rsvps",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_SeriesId_OccurrenceDate_PersonId",
                table: "rsvps",
                columns: new[] { "SeriesId", "OccurrenceDate", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_topic_ideas_GroupId_Status",
                table: "topic_ideas",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_topic_ideas_SeriesId_OccurrenceDate",
                table: "topic_ideas",
                columns: new[] { "SeriesId", "OccurrenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_topic_ideas_SpeakerPersonId",
                table: "topic_ideas",
                column: "SpeakerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_topic_ideas_SuggestedByPersonId",
                table: "topic_ideas",
                column: "SuggestedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_topic_votes_IdeaId_PersonId",
                table: "topic_votes",
                columns: new[] { "IdeaId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_topic_votes_PersonId",
                table: "topic_votes",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_turns");

            migrationBuilder.DropTable(
                name: "duty_volunteers");

            migrationBuilder.DropTable(
                name: "meeting_minutes");

            migrationBuilder.DropTable(
                name: "rsvps");

            migrationBuilder.DropTable(
                name: "topic_votes");

            migrationBuilder.DropTable(
                name: "meeting_duties");

            migrationBuilder.DropTable(
                name: "topic_ideas");

            migrationBuilder.DropColumn(
                name: "AlternateKinds",
                table: "meeting_series");
        }
    }
}
