package io.segmentbatch.monitor;

import io.segmentbatch.H2BatchTest;

/** The report page's queries on the embedded default, H2 in PostgreSQL mode. */
@H2BatchTest
class H2ReportPageIntegrationTests extends AbstractReportPageIntegrationTests {}
