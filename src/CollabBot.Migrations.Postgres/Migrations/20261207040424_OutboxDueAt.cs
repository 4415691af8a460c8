using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDueAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "outbound_messages",
                type: "timestamp with time zone",
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
