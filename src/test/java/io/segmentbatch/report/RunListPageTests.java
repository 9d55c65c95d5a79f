package io.segmentbatch.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RunListPageTests {

    /** The page's script sorts a data-num column by its cells' data-sort: durations by milliseconds, not by text. */
    @Test
    void durationsSortByTheirLengthNotTheirText() {
        String page = RunListPage.render(List.of(
                new RunListPage.Row(
                        "run_a", "nightly", "COMPLETED", "manual", "2026-11-28T02:30:00Z", "2026-11-28T02:30:10.500Z"),
                new RunListPage.Row(
                        "run_b", "nightly", "COMPLETED", "manual", "2026-11-28T02:30:00Z", "2026-11-28T02:33:02Z"),
                new RunListPage.Row("run_c", "nightly", "STARTED", "manual", "2026-11-28T02:30:00Z", null)));

        assertThat(page).contains("<th class=\"num\" data-num>Duration</th>");
        Matcher cells = Pattern.compile("<td class=\"num\" data-sort=\"([^\"]*)\">([^<]*)</td>")
                .matcher(page);
        List<String> sorts = cells.results()
                .map(match -> match.group(1) + "|" + match.group(2))
                .toList();
        assertThat(sorts).containsExactly("10500|10.5 s", "182000|3 min 02 s", "Infinity|");
    }
}
