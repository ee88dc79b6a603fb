/**
 * Mizan's own JSON-B configuration ({@link dev.mizan.cdi.internal.json.MizanJsonb}), independent of the
 * application's. Internal, may change.
 */
package dev.mizan.cdi.internal.json;
