/**
 * The shared JSON mappers ({@link io.segmentbatch.json.Json}). Every package may use it; it uses nothing of ours.
 */
package io.segmentbatch.json;
