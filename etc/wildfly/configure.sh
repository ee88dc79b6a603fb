#!/usr/bin/env bash
# Applies the WildFly settings the samples and tests need. Idempotent.
# - integrated-jaspi=false on the Undertow application security domain "other", so an
#   application-defined Jakarta Security identity store is used as is instead of being mapped into
#   Elytron's ApplicationDomain;
# - stack-trace-on-error="none" on the servlet container: WildFly's default ("local-only") shows Java
#   stack traces, server versions included, in error pages to requests from the same machine
#   (docs/reference/security.md, "What the deployer must configure").
# Usage: etc/wildfly/configure.sh <wildfly home> [configuration file, default standalone.xml;
#        standalone-microprofile.xml has MicroProfile Health, OpenAPI and Telemetry on]
set -euo pipefail
config="$1/standalone/configuration/${2:-standalone.xml}"
[ -f "$config" ] || { echo "no $config" >&2; exit 1; }
if ! grep -q 'integrated-jaspi="false"' "$config"; then
  # Only the Undertow subsystem's domain takes the attribute (the EJB subsystem's element has the same text).
  sed -i '/urn:jboss:domain:undertow/,$ s|<application-security-domain name="other" security-domain="ApplicationDomain"/>|<application-security-domain name="other" security-domain="ApplicationDomain" integrated-jaspi="false"/>|' "$config"
fi
grep -q 'integrated-jaspi="false"' "$config" || { echo "could not set integrated-jaspi=false in $config" >&2; exit 1; }
if ! grep -q 'stack-trace-on-error=' "$config"; then
  sed -i 's|<servlet-container name="default"|<servlet-container name="default" stack-trace-on-error="none"|' "$config"
fi
grep -q 'stack-trace-on-error="none"' "$config" || { echo "could not set stack-trace-on-error=none in $config" >&2; exit 1; }
