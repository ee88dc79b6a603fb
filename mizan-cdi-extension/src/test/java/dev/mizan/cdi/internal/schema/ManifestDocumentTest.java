package dev.mizan.cdi.internal.schema;

import static dev.mizan.cdi.internal.schema.SchemaCheck.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestDocumentTest {

    @Test
    void listsEveryContextWithPathScopeTtlsInSecondsAndTags() {
        assertThat(ManifestDocument.build(List.of(Models.todos(Duration.ofMinutes(1)), Models.catalog()), "Surrogate-Key"))
                .isEqualTo(parse("""
                        {"version":1,"tagHeader":"Surrogate-Key","contexts":[
                          {"name":"catalog","path":"/mizan/ctx/catalog","scope":"public","browserMaxAge":0,
                           "edgeMaxAge":300,"staleWhileRevalidate":60,"tags":["mizan-ctx-catalog"]},
                          {"name":"todos","path":"/mizan/ctx/todos","scope":"user","browserMaxAge":0,
                           "edgeMaxAge":0,"staleWhileRevalidate":0,"tags":["mizan-ctx-todos"]}]}"""));
    }

    @Test
    void anEmptyRegistryHasNoContexts() {
        assertThat(ManifestDocument.build(List.of(), "Cache-Tag"))
                .isEqualTo(parse("{\"version\":1,\"tagHeader\":\"Cache-Tag\",\"contexts\":[]}"));
    }
}
