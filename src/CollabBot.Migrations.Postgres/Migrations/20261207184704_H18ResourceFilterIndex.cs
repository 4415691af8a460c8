using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CollabBot.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class H18ResourceFilterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "TitleVector",
                table: "resources",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('english', coalesce(\"Title\", ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_Kind_Level_RetiredAt",
                table: "resources",
                columns: new[] { "Kind", "Level", "RetiredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_TitleVector",
                table: "resources",
                column: "TitleVector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_resources_Kind_Level_RetiredAt",
                table: "resources");

            migrationBuilder.DropIndex(
                name: "IX_resources_TitleVector",
                table: "resources");

            migrationBuilder.DropColumn(
                name: "TitleVector",
                table: "resources");
        }
    }
}
