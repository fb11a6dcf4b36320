package com.reftab.scim.resources;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.reftab.scim.protocol.ScimException;
import org.springframework.stereotype.Component;

/**
 * The registered resource types, in the order discovery lists them and the root search pages
 * over them (each type's {@code @Order}). Adding a type is adding its {@link ResourceType} bean.
 */
@Component
public class ResourceTypes {

    private final List<ResourceType<?>> types;

    public ResourceTypes(List<ResourceType<?>> types) {
        this.types = List.copyOf(types);
    }

    public List<ResourceType<?>> all() {
        return types;
    }

    /** The type at an endpoint, as the path names it ({@code Users}). */
    public Optional<ResourceType<?>> atEndpoint(String endpoint) {
        return types.stream().filter(type -> type.endpoint().equals(endpoint)).findFirst();
    }

    public ResourceType<?> endpoint(String endpoint) {
        return atEndpoint(endpoint).orElseThrow(() -> ScimException.notFound("No resource type at /" + endpoint + "."));
    }

    /** A type by its name ({@code User}), in any letter case. */
    public Optional<ResourceType<?>> named(String name) {
        return types.stream().filter(type -> type.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
