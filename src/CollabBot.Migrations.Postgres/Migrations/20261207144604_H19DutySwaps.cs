using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CollabBot.Migrations.Postgres.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DutyId = table.Column<int>(type: "integer", nullable: false),
                    OccurrenceDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FromPersonId = table.Column<int>(type: "integer", nullable: false),
                    ToPersonId = table.Column<int>(type: "integer", nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
