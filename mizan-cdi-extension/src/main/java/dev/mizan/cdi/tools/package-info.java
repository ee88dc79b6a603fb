/**
 * Build-time tools: {@link dev.mizan.cdi.tools.SchemaGenerator} writes the schema document of docs/reference/schema.md
 * from compiled classes, with no server, for code generation in a front-end build.
 */
package dev.mizan.cdi.tools;
