package io.waihu.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Sends what the in-process broker and PostgreSQL log (through SLF4J) to a file, so the terminal shows only
 * the launcher's own lines. Must run before the first SLF4J logger is made.
 */
final class InfraLogging {

    private InfraLogging() {
    }

    static void toFile(Path log) {
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // an old log in the way is no reason not to start
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        // the admin client prints its whole configuration at INFO each time it is made
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.common.config", "warn");
        // initialise here, on one thread: Kafka and PostgreSQL start in parallel, and SLF4J warns on the
        // terminal when two threads race through its initialisation
        org.slf4j.LoggerFactory.getILoggerFactory();
    }
}
