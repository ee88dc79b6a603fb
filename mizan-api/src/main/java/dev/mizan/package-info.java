/**
 * Mizan's programming model: annotate CDI bean methods with {@link dev.mizan.MizanContext} (reads)
 * and {@link dev.mizan.MizanFunction} (calls), and say with {@link dev.mizan.Invalidates} which reads a
 * call makes stale.
 */
package dev.mizan;
