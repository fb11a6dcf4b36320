package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook is called at the addresses its host was checked at: a name answering otherwise afterwards is not asked again. */
class WebhookSenderTest {

    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void theCallConnectsToTheAddressesTheCheckResolvedNotToANewAnswer() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // The check's resolution: the name is answered once; no resolver would answer it again.
        AtomicInteger lookups = new AtomicInteger();
        WebhookHosts hosts = new WebhookHosts(true, host -> {
            if (!host.equals("hooks.rebind.invalid") || lookups.incrementAndGet() > 1) {
                throw new java.net.UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        });
        WebhookSender sender = new WebhookSender(hosts, AlertFixtures.settings(6, 3));

        sender.send("http://hooks.rebind.invalid:" + receiver.getAddress().getPort() + "/hook", "{\"text\":\"hi\"}");

        assertThat(received).containsExactly("{\"text\":\"hi\"}");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aReceiverThatDoesNotAnswerIsGivenUpAtTheDeadline() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
        WebhookSender sender = new WebhookSender(new WebhookHosts(true), AlertFixtures.settings(6, 3));
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> sender.send("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "{}"))
                    .hasMessageContaining("no answer within");
            // The webhook timeout is 2 s in these settings.
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
        } finally {
            release.countDown();
        }
    }
}
