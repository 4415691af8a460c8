using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CollabBot.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Challenges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "challenges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DatasetId = table.Column<int>(type: "integer", nullable: false),
                    DatasetVersionId = table.Column<int>(type: "integer", nullable: true),
                    Slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Task = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Metrics = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublicFraction = table.Column<double>(type: "double precision", nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DailyLimit = table.Column<int>(type: "integer", nullable: false),
                    WhoMaySubmit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Seed = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: true),
                    TruthId = table.Column<int>(type: "integer", nullable: true),
                    TruthSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TruthRows = table.Column<int>(type: "integer", nullable: true),
                    TruthPublicRows = table.Column<int>(type: "integer", nullable: true),
                    LeaderSubmissionId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "integer", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenges_dataset_versions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "dataset_versions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_challenges_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_baselines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChallengeId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByPersonId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenge_baselines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenge_baselines_challenges_ChallengeId",
                        column: x => x.ChallengeId,
                        principalTable: "challenges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_teams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChallengeId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenge_teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenge_teams_challenges_ChallengeId",
                        column: x => x.ChallengeId,
                        principalTable: "challenges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_truths",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChallengeId = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedByPersonId = table.Column<int>(type: "integer", nullable: true),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenge_truths", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenge_truths_challenges_ChallengeId",
                        column: x => x.ChallengeId,
                        principalTable: "challenges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_submissions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChallengeId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PublicScore = table.Column<double>(type: "double precision", nullable: true),
                    PrivateScore = table.Column<double>(type: "double precision", nullable: true),
                    ScoresJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CodeUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PaperUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TimePerEventMs = table.Column<double>(type: "double precision", nullable: true),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FileBytes = table.Column<long>(type: "bigint", nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReplyPlatform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReplyTenant = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReplyChannelId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ScoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenge_submissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenge_submissions_challenge_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "challenge_teams",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_challenge_submissions_challenges_ChallengeId",
                        column: x => x.ChallengeId,
                        principalTable: "challenges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_challenge_submissions_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_team_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    ChallengeId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenge_team_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenge_team_members_challenge_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "challenge_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_challenge_team_members_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_submission_files",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenge_submission_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_challenge_submission_files_challenge_submissions_Submission~",
                        column: x => x.SubmissionId,
                        principalTable: "challenge_submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_challenge_baselines_ChallengeId",
                table: "challenge_baselines",
                column: "ChallengeId");

            migrationBuilder.CreateIndex(
                name: "IX_challenge_submission_files_SubmissionId",
                table: "challenge_submission_files",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_challenge_submissions_ChallengeId_PersonId_CreatedAt",
                table: "challenge_submissions",
                columns: new[] { "ChallengeId", "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_challenge_submissions_ChallengeId_State",
                table: "challenge_submissions",
                columns: new[] { "ChallengeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_challenge_submissions_PersonId",
                table: "challenge_submissions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_challenge_submissions_State_ClaimedUntil",
                table: "challenge_submissions",
                columns: new[] { "State", "ClaimedUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_challenge_submissions_TeamId",
                table: "challenge_submissions",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_challenge_team_members_ChallengeId_PersonId",
                table: "challenge_team_members",
                columns: new[] { "ChallengeId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_challenge_team_members_PersonId",
                table: "challenge_team_members",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_challenge_team_members_TeamId",
                table: "challenge_team_members",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_challenge_teams_ChallengeId_Name",
                table: "challenge_teams",
                columns: new[] { "ChallengeId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_challenge_truths_ChallengeId",
                table: "challenge_truths",
                column: "ChallengeId");

            migrationBuilder.CreateIndex(
                name: "IX_challenges_DatasetId_State",
                table: "challenges",
                columns: new[] { "DatasetId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_challenges_DatasetVersionId",
                table: "challenges",
                column: "DatasetVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_challenges_Slug",
                table: "challenges",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "challenge_baselines");

            migrationBuilder.DropTable(
                name: "challenge_submission_files");

            migrationBuilder.DropTable(
                name: "challenge_team_members");

            migrationBuilder.DropTable(
                name: "challenge_truths");

            migrationBuilder.DropTable(
                name: "challenge_submissions");

            migrationBuilder.DropTable(
                name: "challenge_teams");

            migrationBuilder.DropTable(
                name: "challenges");
        }
    }
}
