using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class H18ResourceFilterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_resources_Kind_Level_RetiredAt",
                table: "resources",
                columns: new[] { "Kind", "Level", "RetiredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_resources_Kind_Level_RetiredAt",
                table: "resources");
        }
    }
}
