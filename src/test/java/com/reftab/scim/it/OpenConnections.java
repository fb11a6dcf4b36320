package com.reftab.scim.it;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The raw connections a test opens, each closed when the test ends. Registered on a field
 * ({@code @RegisterExtension}); the port is asked for at each open, since Spring injects it after
 * the field is made.
 */
final class OpenConnections implements AfterEachCallback {

    private final IntSupplier port;
    private final List<RawConnection> open = new ArrayList<>();

    OpenConnections(IntSupplier port) {
        this.port = port;
    }

    RawConnection open() {
        RawConnection connection = new RawConnection(port.getAsInt());
        open.add(connection);
        return connection;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(RawConnection::close);
        open.clear();
    }
}
