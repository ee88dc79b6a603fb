/**
 * One deployment per definition error of docs/reference/annotations.md and per bad configuration
 * (docs/reference/config.md). Each must fail to deploy; Arquillian turns a
 * missing failure into a test error ({@code @ShouldThrowException}). The exact messages are checked by
 * the extension's own Weld SE tests, since a black-box TCK cannot read the server log portably.
 */
package dev.mizan.tck.broken;
