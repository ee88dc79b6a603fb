package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class WorkerFilesTest {

    @Test
    void aClasspathBundleNamedWorkerMjsDoesNotReplaceTheWorkerScript() throws Exception {
        try (WorkerFiles files = WorkerFiles.extract("classpath:ssr/worker.mjs", getClass().getClassLoader())) {
            assertThat(files.bundle()).isNotEqualTo(files.script());
            assertThat(files.bundle().getFileName().toString()).isEqualTo("worker.mjs");
            assertThat(Files.readString(files.script())).startsWith("// Mizan SSR worker");
            assertThat(Files.readString(files.bundle())).contains("<p>the bundle</p>");
        }
    }

    @Test
    void closeRemovesTheExtractedFiles() throws Exception {
        WorkerFiles files = WorkerFiles.extract("classpath:ssr/worker.mjs", getClass().getClassLoader());
        files.close();
        assertThat(files.script()).doesNotExist();
        assertThat(files.bundle()).doesNotExist();
        assertThat(files.script().getParent()).doesNotExist();
    }
}
