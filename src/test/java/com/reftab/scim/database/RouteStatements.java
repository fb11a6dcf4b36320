package com.reftab.scim.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** The SQL statements a route file of routes/ sends to the jdbc: component, as a database would run them. */
final class RouteStatements {

    private RouteStatements() {
    }

    /** The one statement of the route file that starts with this, its named parameters as JDBC's {@code ?}. */
    static String of(String routeFile, String start) {
        List<String> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("routes", routeFile))) {
            collect(new Yaml().load(in), start, found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " statements of " + routeFile + " start with '" + start + "'");
        }
        return found.get(0).replaceAll(":\\?\\w+", "?");
    }

    private static void collect(Object node, String start, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collect(value, start, found));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, start, found));
        } else if (node instanceof String text && text.startsWith(start)) {
            found.add(text);
        }
    }
}
