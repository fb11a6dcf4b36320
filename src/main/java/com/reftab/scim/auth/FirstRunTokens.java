package com.reftab.scim.auth;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the tokens made at the first run to the operator, once, without putting them in a log. On
 * a terminal they are printed, to be copied from the screen. Otherwise standard output is a log (a
 * container's, a service manager's), so they go to a file in the data directory that only the
 * service's own user can read, and the log says where. The file is created with those permissions,
 * so there is no moment when anyone else could read it; a later first-run file replaces it whole.
 */
class FirstRunTokens {

    static final String FILE_NAME = "first-run-tokens.txt";

    private static final Logger LOG = LoggerFactory.getLogger(FirstRunTokens.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dataDir;
    private final BooleanSupplier outputIsTerminal;
    private final PrintStream out;

    /**
     * @param outputIsTerminal whether standard output is a person's terminal rather than a log
     *        ({@code System.console() != null} in the service; a test decides)
     */
    FirstRunTokens(Path dataDir, BooleanSupplier outputIsTerminal, PrintStream out) {
        this.dataDir = dataDir;
        this.outputIsTerminal = outputIsTerminal;
        this.out = out;
    }

    /**
     * @param banner what may be printed anywhere (where to connect)
     * @param secrets the lines that hold new tokens; empty when none was made
     */
    void show(String banner, String secrets) {
        if (secrets.isEmpty()) {
            out.println(banner);
        } else if (outputIsTerminal.getAsBoolean()) {
            // Printed, never logged: the log files must not hold a token.
            out.println(banner + secrets);
        } else {
            out.println(banner);
            writeFile(banner + secrets);
        }
    }

    private void writeFile(String content) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        Path temporary = file.resolveSibling(FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            // CREATE_NEW follows no symbolic link and never opens a file that exists already.
            try (OutputStream stream = Channels.newOutputStream(
                    Files.newByteChannel(temporary, EnumSet.of(CREATE_NEW, WRITE), ownerOnly))) {
                stream.write(("# Tokens of the first run, shown once. Store them (Okta takes the SCIM token),"
                        + " then delete this file.\n" + content + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
            LOG.info("The new tokens of the first run are in {} (readable by this service's user only): store them,"
                    + " then delete the file.", file);
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(temporary);
            LOG.error("The new tokens of the first run could not be written to {} ({}), and are not printed, because"
                    + " standard output is not a terminal. Set REFTAB_SCIM_TOKEN and REFTAB_ADMIN_TOKEN and restart:"
                    + " they replace the tokens made now.", file, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing was written that the file would not have held; the directory is the service's own.
        }
    }
}
