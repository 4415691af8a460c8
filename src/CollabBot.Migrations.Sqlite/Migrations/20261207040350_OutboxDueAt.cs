using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDueAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DueAt",
                table: "outbound_messages",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "outbound_messages");
        }
    }
}
