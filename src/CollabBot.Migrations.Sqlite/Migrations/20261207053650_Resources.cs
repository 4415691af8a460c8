using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Resources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UrlKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Authors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ArxivId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Doi = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InspireId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Licence = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AddedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resources_people_AddedByPersonId",
                        column: x => x.AddedByPersonId,
                        principalTable: "people",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    InVocabulary = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_topics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "resource_groups",
                columns: table => new
                {
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedByPersonId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_groups", x => new { x.ResourceId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_resource_groups_resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_resource_groups_working_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "working_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_links",
                columns: table => new
                {
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastOkAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BrokenSince = table.Column<long>(type: "INTEGER", nullable: true),
                    LastStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_links", x => x.ResourceId);
                    table.ForeignKey(
                        name: "FK_resource_links_resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_stars",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    StarredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnstarredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_stars", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resource_stars_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_resource_stars_resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "start_here_steps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SetByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    RemovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_start_here_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_start_here_steps_resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_start_here_steps_working_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "working_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_resource_groups_GroupId",
                table: "resource_groups",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_resource_links_CheckedAt",
                table: "resource_links",
                column: "CheckedAt");

            migrationBuilder.CreateIndex(
                name: "IX_resource_stars_PersonId_ResourceId",
                table: "resource_stars",
                columns: new[] { "PersonId", "ResourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_stars_ResourceId",
                table: "resource_stars",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_resources_AddedAt",
                table: "resources",
                column: "AddedAt");

            migrationBuilder.CreateIndex(
                name: "IX_resources_AddedByPersonId",
                table: "resources",
                column: "AddedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_resources_ArxivId",
                table: "resources",
                column: "ArxivId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_Doi",
                table: "resources",
                column: "Doi",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_RetiredAt",
                table: "resources",
                column: "RetiredAt");

            migrationBuilder.CreateIndex(
                name: "IX_resources_TitleKey",
                table: "resources",
                column: "TitleKey");

            migrationBuilder.CreateIndex(
                name: "IX_resources_UrlKey",
                table: "resources",
                column: "UrlKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_start_here_steps_GroupId_RemovedAt_Position",
                table: "start_here_steps",
                columns: new[] { "GroupId", "RemovedAt", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_start_here_steps_ResourceId",
                table: "start_here_steps",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_topics_Slug",
                table: "topics",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resource_groups");

            migrationBuilder.DropTable(
                name: "resource_links");

            migrationBuilder.DropTable(
                name: "resource_stars");

            migrationBuilder.DropTable(
                name: "start_here_steps");

            migrationBuilder.DropTable(
                name: "topics");

            migrationBuilder.DropTable(
                name: "resources");
        }
    }
}
