using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class H19DutySwaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duty_swaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DutyId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurrenceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FromPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_swaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_swaps_meeting_duties_DutyId",
                        column: x => x.DutyId,
                        principalTable: "meeting_duties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_duty_swaps_people_FromPersonId",
                        column: x => x.FromPersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_duty_swaps_people_ToPersonId",
                        column: x => x.ToPersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duty_swaps_DutyId_OccurrenceDate",
                table: "duty_swaps",
                columns: new[] { "DutyId", "OccurrenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_swaps_FromPersonId",
                table: "duty_swaps",
                column: "FromPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_swaps_ToPersonId",
                table: "duty_swaps",
                column: "ToPersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_swaps");
        }
    }
}
