using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonalReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing people get the enums' defaults (reminders off, for all meetings), not an empty string EF could not read back.
            migrationBuilder.AddColumn<string>(
                name: "RemindFor",
                table: "people",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "All");

            migrationBuilder.AddColumn<string>(
                name: "RemindOffsets",
                table: "people",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemindVia",
                table: "people",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Off");

            migrationBuilder.AddColumn<bool>(
                name: "RemindersMuted",
                table: "memberships",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RemindFor",
                table: "people");

            migrationBuilder.DropColumn(
                name: "RemindOffsets",
                table: "people");

            migrationBuilder.DropColumn(
                name: "RemindVia",
                table: "people");

            migrationBuilder.DropColumn(
                name: "RemindersMuted",
                table: "memberships");
        }
    }
}
