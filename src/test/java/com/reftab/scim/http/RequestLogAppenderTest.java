package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestLogAppenderTest {

    /** A console that takes the first line and then stalls until released. */
    static final class StalledConsole extends AppenderBase<ILoggingEvent> {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void append(ILoggingEvent event) {
            writing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aFullQueueDropsTheLineAndCountsItWithoutHoldingTheRequestThread() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        StalledConsole console = new StalledConsole();
        console.setContext(context);
        console.start();
        RequestLogAppender appender = new RequestLogAppender();
        appender.setContext(context);
        appender.setQueueSize(1);
        appender.setDiscardingThreshold(0);
        appender.setNeverBlock(true);
        appender.addAppender(console);
        appender.start();
        Logger logger = context.getLogger("test.request-log-appender");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            logger.info("first");
            assertThat(console.writing.await(5, TimeUnit.SECONDS)).isTrue();
            logger.info("second"); // fills the queue of one
            long droppedBefore = RequestLogAppender.dropped();

            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> logger.info("third"));

            assertThat(RequestLogAppender.dropped() - droppedBefore).isEqualTo(1);
        } finally {
            console.release.countDown();
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
