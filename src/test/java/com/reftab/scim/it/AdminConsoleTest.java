package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin console is served by the service itself at /admin, beside the APIs, with headers that protect the admin token. */
@ScimIntegrationTest
class AdminConsoleTest {

    @LocalServerPort
    int port;

    HttpCalls anonymous;
    HttpCalls admin;

    @BeforeEach
    void clients() {
        anonymous = new HttpCalls(port, null);
        admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void theConsolePageIsServedAtAdminWithAndWithoutTheTrailingSlash() {
        for (String path : new String[] {"/admin", "/admin/"}) {
            HttpResponse<String> page = anonymous.getText(path);

            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/admin/js/app.js\"></script>");
        }
    }

    @Test
    void theConsoleForbidsInlineAndForeignScriptAndFraming() {
        HttpResponse<String> page = anonymous.getText("/admin/");

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void theConsoleScriptsAreServedAsJavaScriptModules() {
        HttpResponse<String> script = anonymous.getText("/admin/js/screens/group-mappings.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(script.body()).contains("export function render");
    }

    @Test
    void anUnknownConsoleFileIsAScimErrorNotAStackTrace() {
        assertScimError(anonymous.get("/admin/js/missing.js"), 404, null);
    }

    @Test
    void adminApiAnswersAreNeverCached() {
        HttpCalls.Reply roles = admin.get("/api/admin/roles");
        HttpCalls.Reply refused = anonymous.get("/api/admin/roles");

        assertThat(roles.header("Cache-Control")).isEqualTo("no-store");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void scimSettingsGiveTheEndpointToPasteIntoOkta() {
        HttpCalls.Reply settings = admin.get("/api/admin/scim-settings");

        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().path("tenant").asText()).isEqualTo("default");
        assertThat(settings.body().path("scimEndpoint").asText()).isEqualTo("http://localhost:" + port + "/scim/v2");
        assertThat(settings.body().path("uniqueIdentifierField").asText()).isEqualTo("userName");
        assertThat(settings.body().path("tokenRotationOverlapHours").asLong()).isEqualTo(24);
    }

    @Test
    void scimSettingsNeedTheAdminToken() {
        assertScimError(new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN).get("/api/admin/scim-settings"), 401, null);
    }
}
