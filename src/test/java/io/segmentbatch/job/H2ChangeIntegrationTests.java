package io.segmentbatch.job;

import io.segmentbatch.H2BatchTest;

@H2BatchTest
class H2ChangeIntegrationTests extends AbstractChangeIntegrationTests {}
