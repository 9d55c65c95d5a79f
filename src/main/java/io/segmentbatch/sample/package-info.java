/**
 * Synthetic customer exports for demos, tests and benchmarks ({@link io.segmentbatch.sample.CustomerGenerator},
 * behind the {@code generate-customers} command). Not part of a run: nothing outside the command line depends
 * on it, and it depends on nothing else in the application. Plain Java.
 */
package io.segmentbatch.sample;
