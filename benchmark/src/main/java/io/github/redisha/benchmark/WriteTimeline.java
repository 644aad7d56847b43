package io.github.redisha.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.github.redisha.benchmark.Operations.Op;

/**
 * Acknowledged writes per 50 ms over time, one line per client, as a standalone SVG: a
 * failover's stall is seen at a glance.
 *
 * @author redis-ha
 */
final class WriteTimeline {

	static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private static final List<String> COLOURS = List.of("#1b7f3b", "#c0392b", "#2c5aa0", "#8e44ad");

	private static final int WIDTH = 960;

	private static final int HEIGHT = 320;

	private static final int LEFT = 50;

	private static final int RIGHT = 20;

	private static final int TOP = 40;

	private static final int BOTTOM = 60;

	private WriteTimeline() {
	}

	/**
	 * Acknowledgements of {@code ops} per bucket from {@code from} to {@code to}.
	 * @param ops one client's operations
	 * @param from the first bucket's start ({@link System#nanoTime()})
	 * @param to the end
	 * @return the counts
	 */
	static int[] perBucket(List<Op> ops, long from, long to) {
		int[] counts = new int[(int) ((to - from + BUCKET_NANOS - 1) / BUCKET_NANOS)];
		for (Op op : ops) {
			if (op.acknowledged() && op.endedAt() >= from && op.endedAt() < to) {
				counts[(int) ((op.endedAt() - from) / BUCKET_NANOS)]++;
			}
		}
		return counts;
	}

	/**
	 * The picture.
	 * @param title what is shown
	 * @param clients the clients' labels
	 * @param counts the counts of each client (see {@link #perBucket}), all of the same
	 * length
	 * @param secondsBeforeFault how many seconds the first bucket starts before the fault
	 * @param promotionSeconds when the replica was promoted (R), in seconds after the
	 * fault, or negative when unknown
	 * @return the SVG document
	 */
	static String svg(String title, List<String> clients, List<int[]> counts, double secondsBeforeFault,
			double promotionSeconds) {
		int buckets = counts.get(0).length;
		int max = Math.max(1, counts.stream().flatMapToInt(java.util.Arrays::stream).max().orElse(1));
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double seconds = buckets * BUCKET_NANOS / 1e9;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
						+ "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
				WIDTH, HEIGHT));
		svg.append(text(LEFT, 20, escape(title), "font-size=\"14\" font-weight=\"bold\""));
		for (int second = 0; second <= (int) seconds; second++) {
			double x = LEFT + plotWidth * second / seconds;
			svg.append(line(x, TOP + plotHeight, x, TOP + plotHeight + 4, "#666"));
			if (second % 2 == 0) {
				svg.append(text(x - 8, TOP + plotHeight + 18,
						String.format(Locale.ROOT, "%.0f", second - secondsBeforeFault), ""));
			}
		}
		svg.append(text(LEFT + plotWidth / 2 - 80, TOP + plotHeight + 34, "seconds after the fault", ""));
		svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#666"));
		svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "#666"));
		svg.append(text(4, TOP + 10, Integer.toString(max), ""));
		svg.append(text(4, TOP + plotHeight, "0", ""));
		svg.append(text(4, TOP + plotHeight / 2, "acks", ""));
		svg.append(text(4, TOP + plotHeight / 2 + 14, "/50ms", ""));
		marker(svg, LEFT + plotWidth * secondsBeforeFault / seconds, "fault", plotHeight);
		if (promotionSeconds >= 0) {
			marker(svg, LEFT + plotWidth * (secondsBeforeFault + promotionSeconds) / seconds, "R", plotHeight);
		}
		for (int c = 0; c < counts.size(); c++) {
			StringBuilder points = new StringBuilder();
			int[] series = counts.get(c);
			for (int b = 0; b < buckets; b++) {
				if (b > 0 && b < buckets - 1 && series[b] == series[b - 1]) {
					// a step line: a point only where the count changes
					continue;
				}
				double x = LEFT + plotWidth * b / buckets;
				if (b > 0) {
					points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(series[b - 1], max, plotHeight)));
				}
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(series[b], max, plotHeight)));
			}
			points.append(
					String.format(Locale.ROOT, "%.1f,%.1f", LEFT + plotWidth, y(series[buckets - 1], max, plotHeight)));
			String colour = COLOURS.get(c % COLOURS.size());
			svg.append(String.format(Locale.ROOT,
					"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" stroke-opacity=\"0.8\" points=\"%s\"/>%n",
					colour, points));
			double legendX = LEFT + 10 + c * 230;
			svg.append(line(legendX, HEIGHT - 12, legendX + 20, HEIGHT - 12, colour));
			svg.append(text(legendX + 25, HEIGHT - 8, escape(clients.get(c)), ""));
		}
		return svg.append("</svg>\n").toString();
	}

	private static double y(int count, int max, double plotHeight) {
		return TOP + plotHeight - plotHeight * count / max;
	}

	private static void marker(StringBuilder svg, double x, String label, double plotHeight) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n", x,
				TOP, x, TOP + plotHeight));
		svg.append(text(x + 3, TOP - 4, label, "fill=\"#555\""));
	}

	private static String line(double x1, double y1, double x2, double y2, String colour) {
		return String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n", x1, y1,
				x2, y2, colour);
	}

	private static String text(double x, double y, String text, String attributes) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes, text);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
