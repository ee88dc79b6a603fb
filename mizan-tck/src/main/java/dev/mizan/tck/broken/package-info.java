/**
 * One deployment per definition error of docs/reference/annotations.md and per bad configuration
 * (docs/reference/config.md). Each must fail to deploy; Arquillian turns a
 * missing failure into a test error ({@code @ShouldThrowException}). Each test then checks that the failure is
 * the one it is named for: its message id (docs/reference/messages.md) and the method or key it names, in the
 * text of the failure the runtime's adapter reported ({@link dev.mizan.tck.framework.arquillian.DeploymentFailures}).
 * The rest of each message's wording is checked by the extension's own Weld SE tests.
 */
package dev.mizan.tck.broken;
