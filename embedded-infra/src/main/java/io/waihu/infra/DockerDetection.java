package io.waihu.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a Docker engine is reachable, without Testcontainers' noisy probing when there is none. */
public final class DockerDetection {

    private DockerDetection() {
    }

    public static boolean engineLikelyPresent() {
        if (System.getenv("WAIHU_TESTS_NO_DOCKER") != null) {
            return false;
        }
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }
}
