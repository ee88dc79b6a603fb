/**
 * The schema (docs/reference/schema.md): JSON Schema for Java types as Mizan's JSON-B writes them ({@link
 * dev.mizan.cdi.internal.schema.TypeSchemas}), the schema document with its hash ({@link
 * dev.mizan.cdi.internal.schema.SchemaDocument}) and the CDN manifest ({@link
 * dev.mizan.cdi.internal.schema.ManifestDocument}). Plain Java, no CDI. Internal, may change.
 */
package dev.mizan.cdi.internal.schema;
