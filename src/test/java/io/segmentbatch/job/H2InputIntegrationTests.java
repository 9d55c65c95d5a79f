package io.segmentbatch.job;

import io.segmentbatch.H2BatchTest;

/** Awkward inputs on the embedded default, H2 in PostgreSQL mode. */
@H2BatchTest
class H2InputIntegrationTests extends AbstractInputIntegrationTests {}
