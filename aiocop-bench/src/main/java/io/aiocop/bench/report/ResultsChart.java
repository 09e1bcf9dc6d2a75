package io.aiocop.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Renders the results as one PNG of JFreeChart bar charts: one panel per benchmark method (per family for
 * families without variants), bars coloured by variant with the same colour in every panel, whiskers showing each
 * score's 99.9% error.
 */
final class ResultsChart {

    private static final int COLUMNS = 3;
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 360;
    private static final int HEADER_HEIGHT = 50;

    /** One colour per variant, so plain is grey and BlockHound orange everywhere. */
    private static final Map<String, Color> VARIANT_COLOURS = Map.of(
            "plain", new Color(0x9e9e9e),
            "monitored-deactivated", new Color(0x90caf9),
            "monitored", new Color(0x1e88e5),
            "monitored+agent", new Color(0x0d47a1),
            "monitored+agent+metrics", new Color(0x4a148c),
            "agent", new Color(0x2e7d32),
            "zero-code", new Color(0x66bb6a),
            "blockhound", new Color(0xef6c00));

    private ResultsChart() {
    }

    /**
     * Writes the chart.
     *
     * @param results the results to plot
     * @param title   the line above the panels (what was run, where)
     * @param png     the file to write
     * @throws IOException when the file cannot be written
     */
    static void write(JmhResults results, String title, Path png) throws IOException {
        Map<String, List<JmhResult>> panels = new LinkedHashMap<>();
        for (JmhResult r : results.all()) {
            String key = r.variant() != null ? r.family() + "." + r.method() : r.family();
            panels.computeIfAbsent(key + " (" + r.mode() + ")", k -> new ArrayList<>()).add(r);
        }
        int rows = Math.max(1, (panels.size() + COLUMNS - 1) / COLUMNS);
        int width = COLUMNS * PANEL_WIDTH;
        BufferedImage image = new BufferedImage(width, HEADER_HEIGHT + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, image.getWidth(), image.getHeight());
            TextTitle header = new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 18));
            // A title lays its text out in arrange(); draw() alone paints nothing.
            header.arrange(g2, RectangleConstraint.NONE.toFixedWidth(width));
            header.draw(g2, new Rectangle2D.Double(0, 0, width, HEADER_HEIGHT));
            int i = 0;
            for (Map.Entry<String, List<JmhResult>> panel : panels.entrySet()) {
                JFreeChart chart = panel(panel.getKey(), panel.getValue());
                int x = (i % COLUMNS) * PANEL_WIDTH;
                int y = HEADER_HEIGHT + (i / COLUMNS) * PANEL_HEIGHT;
                chart.draw(g2, new Rectangle2D.Double(x + 4, y + 4, PANEL_WIDTH - 8, PANEL_HEIGHT - 8));
                i++;
            }
        } finally {
            g2.dispose();
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        }
    }

    private static JFreeChart panel(String title, List<JmhResult> rows) {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (JmhResult r : rows) {
            String series = r.variant() != null ? r.variant() : r.otherParams();
            String category = r.variant() != null ? r.otherParams() : words(r.method());
            if (r.mode().equals("sample")) {
                // Percentiles come without an error: no whisker.
                dataset.add(r.percentiles().get("50.0"), null, series, join(category, "p50"));
                dataset.add(r.percentiles().get("99.0"), null, series, join(category, "p99"));
            } else {
                dataset.add(r.score(), r.errorOrZero(), series, category.isEmpty() ? r.method() : category);
            }
        }
        String unit = rows.get(0).unit();
        String better = rows.get(0).higherIsBetter() ? "higher is better" : "lower is better";
        JFreeChart chart = ChartFactory.createBarChart(title, null, unit + " (" + better + ")", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xfafafa));
        plot.setRangeGridlinePaint(new Color(0xbdbdbd));
        // Whiskers show JMH's 99.9% error of each score.
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(renderer);
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.##")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int s = 0; s < dataset.getRowCount(); s++) {
            Color colour = VARIANT_COLOURS.get(String.valueOf(dataset.getRowKey(s)));
            if (colour != null) {
                renderer.setSeriesPaint(s, colour);
            }
        }
        // Leave room above the tallest bar for its label.
        plot.getRangeAxis().setUpperMargin(0.15);
        return chart;
    }

    /** Splits a method name into words ({@code taskWithOneEvent} to {@code task With One Event}) so it can wrap. */
    private static String words(String method) {
        return method.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ");
    }

    private static String join(String category, String suffix) {
        return category.isEmpty() ? suffix : category + " " + suffix;
    }
}
