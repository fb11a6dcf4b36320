package com.reftab.scim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.reftab.scim.directory.IdentityProvider;
import com.reftab.scim.directory.TenantIdentityProviders;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import org.springframework.stereotype.Component;

/** Sets which identity provider provisions the tenant: where Okta and Entra ID differ, it decides. */
@Component("identityProviderAdminApi")
public class IdentityProviderAdminApi {

    private final TenantIdentityProviders identityProviders;

    public IdentityProviderAdminApi(TenantIdentityProviders identityProviders) {
        this.identityProviders = identityProviders;
    }

    /** {@code {"identityProvider":"entra"}}: 200 with the setting; anything but okta or entra is 400, nothing changed. */
    public JsonReply set(ScimCall call, byte[] body) {
        JsonNode value = ScimJson.readObject(body).get("identityProvider");
        IdentityProvider provider = (value != null && value.isTextual() ? IdentityProvider.of(value.textValue())
                : java.util.Optional.<IdentityProvider>empty())
                .orElseThrow(() -> ScimException.invalidValue("'identityProvider' must be \"okta\" or \"entra\"."));
        identityProviders.set(call.tenantId(), provider);
        return JsonReply.json(200, JsonNodeFactory.instance.objectNode().put("identityProvider", provider.id()));
    }
}
