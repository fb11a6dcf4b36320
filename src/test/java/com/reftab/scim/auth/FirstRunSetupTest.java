package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.reftab.scim.roles.AccessRoles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's start as the operator sees it, on a real database: the tokens set in the
 * environment replace the tenant's others, and tokens made at the first run reach the operator
 * without reaching the log. Each {@link FirstRunSetup} made here is one start of the service.
 */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:first-run-setup;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/first-run-setup"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ExtendWith(OutputCaptureExtension.class)
class FirstRunSetupTest {

    private static final String TENANT = FirstRunSetup.DEFAULT_TENANT;
    private static final Pattern TOKEN_LINE = Pattern.compile("(SCIM|Admin) Token +: (\\S+)");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dataDir;

    private ApiTokens tokens;
    private TenantProvisioning tenants;

    @BeforeEach
    void services() {
        tokens = new ApiTokens(jdbc, transaction, AdjustableClock.startingNow());
        tenants = new TenantProvisioning(jdbc, new AccessRoles(jdbc), tokens, transaction);
    }

    private FirstRunSetup start(String scimToken, String adminToken, boolean outputIsTerminal) {
        FirstRunSetup setup = new FirstRunSetup(tenants, tokens, scimToken, adminToken, "",
                new FirstRunTokens(dataDir, () -> outputIsTerminal, System.out));
        setup.afterPropertiesSet();
        setup.announce("http://localhost:8080");
        return setup;
    }

    private FirstRunSetup start(String scimToken, String adminToken) {
        return start(scimToken, adminToken, false);
    }

    private static String value(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void startingWithANewAdminTokenRetiresTheOneSetBefore() {
        String leaked = value("admin");
        String replacement = value("admin");
        start("", leaked);

        start("", replacement);

        assertThat(tokens.tenantFor(leaked, TokenKind.ADMIN)).isEmpty();
        assertThat(tokens.tenantFor(replacement, TokenKind.ADMIN)).contains(TENANT);
        assertThat(tokens.list(TENANT, TokenKind.ADMIN)).hasSize(1);
    }

    @Test
    void startingWithANewAdminTokenRetiresTokensMadeInTheConsoleToo() {
        start("", value("admin"));
        String madeInTheConsole = tokens.generate(TENANT, TokenKind.ADMIN);

        start("", value("admin"));

        assertThat(tokens.tenantFor(madeInTheConsole, TokenKind.ADMIN)).isEmpty();
    }

    @Test
    void startingWithANewScimTokenRetiresTheOneSetBefore() {
        String leaked = value("scim");
        String replacement = value("scim");
        start(leaked, "");

        start(replacement, "");

        assertThat(tokens.tenantFor(leaked, TokenKind.SCIM)).isEmpty();
        assertThat(tokens.tenantFor(replacement, TokenKind.SCIM)).contains(TENANT);
    }

    @Test
    void restartingWithTheSameTokensKeepsTheTokensMadeSince() {
        String scim = value("scim");
        String admin = value("admin");
        start(scim, admin);
        String scimMadeSince = tokens.generate(TENANT, TokenKind.SCIM);
        String adminMadeSince = tokens.generate(TENANT, TokenKind.ADMIN);

        start(scim, admin);

        assertThat(tokens.tenantFor(scimMadeSince, TokenKind.SCIM)).contains(TENANT);
        assertThat(tokens.tenantFor(adminMadeSince, TokenKind.ADMIN)).contains(TENANT);
        assertThat(tokens.tenantFor(scim, TokenKind.SCIM)).contains(TENANT);
        assertThat(tokens.tenantFor(admin, TokenKind.ADMIN)).contains(TENANT);
    }

    @Test
    void aSetTokenIsNeverWrittenOrPrinted(CapturedOutput output) {
        String scim = value("scim");
        String admin = value("admin");

        start(scim, admin);

        assertThat(dataDir.resolve(FirstRunTokens.FILE_NAME)).doesNotExist();
        assertThat(output.getAll()).doesNotContain(scim).doesNotContain(admin).contains("/scim/v2");
    }

    @Test
    void withoutATerminalFirstRunTokensGoToAFileOnlyTheOwnerCanRead(CapturedOutput output) throws Exception {
        start("", "");

        Path file = dataDir.resolve(FirstRunTokens.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Matcher lines = TOKEN_LINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(lines.find()).isTrue();
        String scim = lines.group(2);
        assertThat(lines.find()).isTrue();
        String admin = lines.group(2);
        assertThat(tokens.tenantFor(scim, TokenKind.SCIM)).contains(TENANT);
        assertThat(tokens.tenantFor(admin, TokenKind.ADMIN)).contains(TENANT);
        assertThat(output.getAll()).doesNotContain(scim).doesNotContain(admin)
                .contains(file.toAbsolutePath().toString()).contains("readable by this service's user only");
        try (var leftovers = Files.list(dataDir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void aLaterFirstRunFileReplacesTheEarlierOneAndKeepsItsPermissions() throws Exception {
        start("", "");
        Path file = dataDir.resolve(FirstRunTokens.FILE_NAME);
        String first = Files.readString(file);
        tokens.list(TENANT, TokenKind.SCIM).forEach(token -> tokens.revoke(TENANT, TokenKind.SCIM, token.id()));

        start("", "");

        assertThat(Files.readString(file)).isNotEqualTo(first).contains("SCIM Token").doesNotContain("Admin Token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aRestartWithTokensInPlaceMakesAndWritesNone() throws Exception {
        start("", "");
        Files.delete(dataDir.resolve(FirstRunTokens.FILE_NAME));

        start("", "");

        assertThat(dataDir.resolve(FirstRunTokens.FILE_NAME)).doesNotExist();
        assertThat(tokens.list(TENANT, TokenKind.ADMIN)).hasSize(1);
    }

    @Test
    void onATerminalFirstRunTokensArePrintedAndNoFileIsWritten(CapturedOutput output) {
        start("", "", true);

        Matcher lines = TOKEN_LINE.matcher(output.getOut());
        assertThat(lines.find()).isTrue();
        assertThat(tokens.tenantFor(lines.group(2), TokenKind.SCIM)).contains(TENANT);
        assertThat(lines.find()).isTrue();
        assertThat(tokens.tenantFor(lines.group(2), TokenKind.ADMIN)).contains(TENANT);
        assertThat(dataDir.resolve(FirstRunTokens.FILE_NAME)).doesNotExist();
    }
}
