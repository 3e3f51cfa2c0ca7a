package dev.threadmark.report;

import dev.threadmark.results.PointResult;
import dev.threadmark.results.PointStatus;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn by JFreeChart into inline SVG (JFreeSVG). Every chart gets a fixed
 * id prefix, so the same data always renders to the same bytes.
 */
final class ChartRenderer {
    static final int WIDTH = 620;
    static final int HEIGHT = 380;
    private static final Font FONT = new Font("SansSerif", Font.PLAIN, 12);
    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Shape CROSS = cross();
    private static final Shape RING = new Ellipse2D.Double(-8, -8, 16, 16);
    private static final Shape TRIANGLE = new java.awt.Polygon(new int[] {0, 6, -6}, new int[] {-6, 5, 5}, 3);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {}

    /**
     * Wall time against task count, log–log: one series per model with JMH's CI as error bars,
     * the ideal as a dashed line, failed or unmeasured points as crosses along the top edge, and
     * each model's collapse point ringed.
     */
    static String timeChart(String id, String workload, Map<String, List<PointResult>> byModel,
            Map<String, CollapsePoint> collapses, RunData run) {
        YIntervalSeriesCollection measured = new YIntervalSeriesCollection();
        XYSeriesCollection failed = new XYSeriesCollection();
        XYSeriesCollection notRun = new XYSeriesCollection();
        XYSeriesCollection rings = new XYSeriesCollection();
        double top = 0;
        double bottom = Double.MAX_VALUE;
        long maxN = 1;
        for (List<PointResult> series : byModel.values()) {
            for (PointResult p : series) {
                maxN = Math.max(maxN, p.point().tasks());
                if (p.measured()) {
                    top = Math.max(top, Double.isNaN(p.ciHigh()) ? p.score() : p.ciHigh());
                    bottom = Math.min(bottom, p.score());
                }
            }
        }
        double idealLow = Ideal.ms(workload, 1, run);
        bottom = Math.min(bottom, idealLow);
        double failY = top * 2;
        for (Map.Entry<String, List<PointResult>> e : byModel.entrySet()) {
            String model = e.getKey();
            YIntervalSeries s = new YIntervalSeries(model);
            XYSeries f = new XYSeries(model + " (failed)");
            XYSeries o = new XYSeries(model + " (over budget or skipped)");
            XYSeries r = new XYSeries(model + " collapse");
            CollapsePoint cp = collapses.get(model);
            for (PointResult p : e.getValue()) {
                long n = p.point().tasks();
                if (p.measured()) {
                    double lo = Double.isNaN(p.ciLow()) || p.ciLow() <= 0 ? p.score() : p.ciLow();
                    double hi = Double.isNaN(p.ciHigh()) ? p.score() : p.ciHigh();
                    s.add(n, p.score(), lo, hi);
                    if (cp != null && cp.firstBad() == n) {
                        r.add(n, p.score());
                    }
                } else if (p.status() == PointStatus.FAILED) {
                    f.add(n, failY);
                } else {
                    o.add(n, failY);
                }
            }
            measured.addSeries(s);
            failed.addSeries(f);
            notRun.addSeries(o);
            rings.addSeries(r);
        }
        XYSeriesCollection ideal = new XYSeriesCollection();
        XYSeries idealLine = new XYSeries("ideal");
        for (long n = 1; n <= maxN; n *= 10) {
            idealLine.add(n, Ideal.ms(workload, n, run));
        }
        ideal.addSeries(idealLine);
        if (!Double.isNaN(Ideal.heldCarriersMs(workload, 1, run))) {
            XYSeries held = new XYSeries("⌈N / " + Ideal.carriers(run) + " carriers⌉ sleeps (a blocked carrier per task)");
            for (long n = 1; n <= maxN; n *= 10) {
                held.add(n, Ideal.heldCarriersMs(workload, n, run));
            }
            ideal.addSeries(held);
        }

        XYPlot plot = measuredAgainstIdeal(logTaskAxis(maxN), logAxis("time per operation (ms)", bottom / 2, failY * 2),
                byModel.keySet(), measured, ideal, failed, rings);
        plot.setDataset(4, notRun);
        plot.setRenderer(4, markerRenderer(byModel.keySet(), TRIANGLE, false));
        return svg(id, chart(plot));
    }

    /**
     * Scaling efficiency ((ideal + start-up) / measured, {@link CollapseDetector#efficiency}) against
     * task count, with the collapse threshold drawn in.
     */
    static String efficiencyChart(String id, String workload, Map<String, List<PointResult>> byModel, double threshold,
            RunData run) {
        XYSeriesCollection data = new XYSeriesCollection();
        long maxN = 1;
        for (Map.Entry<String, List<PointResult>> e : byModel.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            double startup = CollapseDetector.startupMs(e.getValue(), workload, run);
            for (PointResult p : e.getValue()) {
                maxN = Math.max(maxN, p.point().tasks());
                if (p.measured()) {
                    s.add(p.point().tasks(), 100 * Math.min(1.2, CollapseDetector.efficiency(p.score(),
                            Ideal.ms(workload, p.point().tasks(), run), startup)));
                }
            }
            data.addSeries(s);
        }
        NumberAxis y = new NumberAxis("efficiency (% of ideal)");
        y.setRange(0, 120);
        y.setTickUnit(new NumberTickUnit(20));
        y.setLabelFont(FONT);
        XYPlot plot = basePlot(logTaskAxis(maxN), y);
        plot.setDataset(0, data);
        XYLineAndShapeRenderer r = markerRenderer(byModel.keySet(), DOT, true);
        plot.setRenderer(0, r);
        plot.addRangeMarker(labelled(new ValueMarker(100 * threshold, new Color(0x888888), dashed(1.2f)),
                "collapse threshold " + Format.percent(threshold)));
        return svg(id, chart(plot));
    }

    /**
     * Bytes allocated per task against N, log–log, one line per model: {@code gc.alloc.rate.norm}
     * of JMH's GC profiler over N. Where a model's time at large N is garbage collection, this is
     * the reason; points without the profiler's figure are left out.
     */
    static String allocationChart(String id, Map<String, List<PointResult>> byModel) {
        XYSeriesCollection data = new XYSeriesCollection();
        long maxN = 1;
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Map.Entry<String, List<PointResult>> e : byModel.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            for (PointResult p : e.getValue()) {
                maxN = Math.max(maxN, p.point().tasks());
                double bytes = p.gc().allocBytesPerTask();
                if (p.measured() && bytes > 0) {
                    s.add(p.point().tasks(), bytes);
                    low = Math.min(low, bytes);
                    high = Math.max(high, bytes);
                }
            }
            data.addSeries(s);
        }
        if (high == 0) {
            return "";
        }
        // whole decades, so that even a narrow band of values has a labelled tick
        XYPlot plot = basePlot(logTaskAxis(maxN), logAxis("bytes allocated per task",
                Math.pow(10, Math.floor(Math.log10(low))), Math.pow(10, Math.ceil(Math.log10(high * 2)))));
        plot.setDataset(0, data);
        plot.setRenderer(0, markerRenderer(byModel.keySet(), DOT, true));
        return svg(id, chart(plot));
    }

    /**
     * Speedup over running the tasks one by one against the CPU share of a task (one tick per
     * share swept, so 0, 1 and 5 % are not squeezed together), log speedup: one series per model
     * with JMH's CI as error bars, the ideal dashed, each model's first share below the collapse
     * threshold ringed and unmeasured shares crossed along the top.
     */
    static String speedupChart(String id, Map<String, List<MixedSection.Blend>> byModel, CollapseDetector detector) {
        java.util.TreeSet<Integer> shares = new java.util.TreeSet<>();
        byModel.values().forEach(list -> list.forEach(b -> shares.add(b.share())));
        List<Integer> ticks = List.copyOf(shares);
        YIntervalSeriesCollection measured = new YIntervalSeriesCollection();
        XYSeriesCollection missing = new XYSeriesCollection();
        XYSeriesCollection rings = new XYSeriesCollection();
        java.util.TreeMap<Integer, Double> idealByShare = new java.util.TreeMap<>();
        double top = 2;
        for (Map.Entry<String, List<MixedSection.Blend>> e : byModel.entrySet()) {
            for (MixedSection.Blend b : e.getValue()) {
                idealByShare.putIfAbsent(b.share(), b.idealSpeedup());
                top = Math.max(top, b.idealSpeedup());
                if (b.point().measured()) {
                    top = Math.max(top, b.serialMs() / b.point().ciLow());
                }
            }
        }
        double missingY = top * 2;
        for (Map.Entry<String, List<MixedSection.Blend>> e : byModel.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            XYSeries m = new XYSeries(e.getKey() + " (not measured)");
            XYSeries r = new XYSeries(e.getKey() + " below threshold");
            MixedSection.Blend below = MixedSection.firstBelow(e.getValue(), detector).orElse(null);
            for (MixedSection.Blend b : e.getValue()) {
                int x = ticks.indexOf(b.share());
                PointResult p = b.point();
                if (p.measured()) {
                    double lo = Double.isNaN(p.ciHigh()) ? b.speedup() : b.serialMs() / p.ciHigh();
                    double hi = Double.isNaN(p.ciLow()) || p.ciLow() <= 0 ? b.speedup() : b.serialMs() / p.ciLow();
                    s.add(x, b.speedup(), lo, hi);
                    if (b == below) {
                        r.add(x, b.speedup());
                    }
                } else {
                    m.add(x, missingY);
                }
            }
            measured.addSeries(s);
            missing.addSeries(m);
            rings.addSeries(r);
        }
        XYSeriesCollection ideal = new XYSeriesCollection();
        XYSeries idealLine = new XYSeries("ideal");
        idealByShare.forEach((share, speedup) -> idealLine.add(ticks.indexOf(share), speedup));
        ideal.addSeries(idealLine);

        org.jfree.chart.axis.SymbolAxis x = new org.jfree.chart.axis.SymbolAxis("CPU share of each task",
                ticks.stream().map(t -> t + " %").toArray(String[]::new));
        x.setLabelFont(FONT);
        x.setGridBandsVisible(false);
        return svg(id, chart(measuredAgainstIdeal(x, logAxis("speedup over one by one (×)", 0.5, missingY * 2),
                byModel.keySet(), measured, ideal, missing, rings)));
    }

    /** One bar per model, value printed on it: the runtime costs. */
    static String modelValuesChart(String id, String label, Map<String, Double> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            data.addValue(e.getValue(), "value", e.getKey());
        }
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return Palette.color((String) data.getColumnKey(column));
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.18);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.#")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(FONT);
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(FONT);
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        axis.setRange(0, max * 1.3); // room for the value labels
        CategoryAxis models = new CategoryAxis();
        models.setTickLabelFont(FONT);
        CategoryPlot plot = new CategoryPlot(data, models, axis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return svg(id, chart, 420, 220);
    }

    private static ValueMarker labelled(ValueMarker m, String label) {
        m.setLabel(label);
        m.setLabelFont(FONT);
        m.setLabelPaint(new Color(0x555555));
        m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        m.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
        return m;
    }

    /**
     * A small multiple of the history: score per run (x: the run's commit) with the confidence
     * band, one series per model, regressions crossed.
     */
    static String trendChart(String id, String title, Map<String, List<double[]>> series,
            Map<String, List<double[]>> regressions, List<Double> steps, List<String> runLabels) {
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            e.getValue().forEach(p -> s.add(p[0], p[1], Math.max(0, p[2]), p[3])); // a time is never below 0
            bands.addSeries(s);
            XYSeries m = new XYSeries(e.getKey() + " regression");
            regressions.getOrDefault(e.getKey(), List.of()).forEach(p -> m.add(p[0], p[1]));
            marks.addSeries(m);
        }
        NumberAxis x = new NumberAxis();
        x.setRange(-0.5, runLabels.size() - 0.5);
        x.setTickUnit(new NumberTickUnit(Math.max(1, runLabels.size() / 8)));
        x.setNumberFormatOverride(new java.text.NumberFormat() {
            @Override
            public StringBuffer format(double number, StringBuffer to, java.text.FieldPosition pos) {
                int i = (int) Math.round(number);
                return to.append(i >= 0 && i < runLabels.size() ? runLabels.get(i) : "");
            }

            @Override
            public StringBuffer format(long number, StringBuffer to, java.text.FieldPosition pos) {
                return format((double) number, to, pos);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) {
                throw new UnsupportedOperationException("labels only");
            }
        });
        x.setTickLabelFont(FONT.deriveFont(10f));
        NumberAxis y = new NumberAxis("ms/op");
        y.setAutoRangeIncludesZero(false);
        y.setLabelFont(FONT);
        XYPlot plot = basePlot(x, y);
        plot.setDataset(0, bands);
        org.jfree.chart.renderer.xy.DeviationRenderer band = new org.jfree.chart.renderer.xy.DeviationRenderer(true, true);
        styleSeries(band, series.keySet(), DOT, true);
        int i = 0;
        for (String model : series.keySet()) {
            band.setSeriesFillPaint(i++, Palette.color(model));
        }
        band.setAlpha(0.18f);
        plot.setRenderer(0, band);
        plot.setDataset(1, marks);
        plot.setRenderer(1, markerRenderer(series.keySet(), CROSS, false));
        for (double at : steps) { // a step the gate found: dashed, just before its first night
            plot.addDomainMarker(new ValueMarker(at - 0.5, Color.DARK_GRAY, dashed(1f)));
        }
        JFreeChart chart = chart(plot);
        chart.setTitle(new org.jfree.chart.title.TextTitle(title, FONT));
        return svg(id, chart, 400, 260);
    }

    /**
     * Bytes per parked task against task count, log–log: per model its heap (solid) and RSS
     * (dashed) series in its colour, a labelled reference line, crosses along the top where a
     * model failed. Log axes cannot show 0, so values under {@value #FOOTPRINT_FLOOR} B sit on the bottom edge.
     */
    static String footprintChart(String id, Map<String, List<PointResult>> heap, Map<String, List<PointResult>> rss,
            double reference, String referenceLabel) {
        XYSeriesCollection heapData = new XYSeriesCollection();
        XYSeriesCollection rssData = new XYSeriesCollection();
        XYSeriesCollection failed = new XYSeriesCollection();
        double top = reference;
        long minN = Long.MAX_VALUE;
        long maxN = 1;
        for (List<PointResult> rows : heap.values()) {
            for (PointResult p : rows) {
                minN = Math.min(minN, p.point().tasks());
                maxN = Math.max(maxN, p.point().tasks());
            }
        }
        for (Map<String, List<PointResult>> m : List.of(heap, rss)) {
            for (List<PointResult> rows : m.values()) {
                top = Math.max(top, rows.stream().filter(PointResult::measured).mapToDouble(PointResult::score)
                        .max().orElse(0));
            }
        }
        double failY = top * 2;
        for (Map.Entry<String, List<PointResult>> e : heap.entrySet()) {
            String model = e.getKey();
            heapData.addSeries(bytesSeries(model + " heap", e.getValue()));
            rssData.addSeries(bytesSeries(model + " RSS", rss.getOrDefault(model, List.of())));
            XYSeries f = new XYSeries(model + " (failed)");
            e.getValue().stream().filter(p -> p.status() == PointStatus.FAILED).forEach(p -> f.add(p.point().tasks(), failY));
            failed.addSeries(f);
        }
        LogAxis x = logTaskAxis(maxN);
        x.setRange(Math.min(minN, maxN) / 2.0, maxN * 2.0);
        XYPlot plot = basePlot(x, logAxis("bytes per parked task", FOOTPRINT_FLOOR, failY * 2));
        plot.setDataset(0, heapData);
        plot.setRenderer(0, markerRenderer(heap.keySet(), DOT, true));
        XYLineAndShapeRenderer dashedRss = markerRenderer(heap.keySet(), DOT, true);
        for (int i = 0; i < heap.size(); i++) {
            dashedRss.setSeriesStroke(i, dashed(2f));
        }
        dashedRss.setDefaultShapesFilled(false);
        plot.setDataset(1, rssData);
        plot.setRenderer(1, dashedRss);
        plot.setDataset(2, failed);
        plot.setRenderer(2, markerRenderer(heap.keySet(), CROSS, false));
        plot.addRangeMarker(labelled(new ValueMarker(reference, new Color(0x444444), new BasicStroke(1.2f)),
                referenceLabel));
        return svg(id, chart(plot));
    }

    private static final double FOOTPRINT_FLOOR = 10;

    private static XYSeries bytesSeries(String key, List<PointResult> rows) {
        XYSeries s = new XYSeries(key);
        rows.stream().filter(PointResult::measured)
                .forEach(p -> s.add(p.point().tasks(), Math.max(FOOTPRINT_FLOOR, p.score())));
        return s;
    }

    // ---- pieces ----

    /**
     * The layers every sweep chart has, in drawing order: the models' points with their CI as
     * error bars, the dashed ideal, crosses for what was not measured, rings on collapse points.
     */
    private static XYPlot measuredAgainstIdeal(ValueAxis x, ValueAxis y, java.util.Set<String> models,
            YIntervalSeriesCollection measured, XYSeriesCollection ideal, XYSeriesCollection crosses,
            XYSeriesCollection rings) {
        XYPlot plot = basePlot(x, y);
        plot.setDataset(0, measured);
        plot.setRenderer(0, errorRenderer(models));
        plot.setDataset(1, ideal);
        plot.setRenderer(1, idealRenderer());
        plot.setDataset(2, crosses);
        plot.setRenderer(2, markerRenderer(models, CROSS, false));
        plot.setDataset(3, rings);
        plot.setRenderer(3, markerRenderer(models, RING, false));
        return plot;
    }

    private static XYPlot basePlot(ValueAxis x, ValueAxis y) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        return plot;
    }

    private static LogAxis logTaskAxis(long maxN) {
        LogAxis x = new LogAxis("concurrent tasks (N)");
        x.setBase(10);
        x.setRange(0.5, maxN * 2.0);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new TaskCountFormat());
        x.setMinorTickMarksVisible(false);
        x.setLabelFont(FONT);
        return x;
    }

    private static LogAxis logAxis(String label, double low, double high) {
        LogAxis y = new LogAxis(label);
        y.setBase(10);
        y.setRange(Math.max(low, 1e-6), Math.max(high, low * 10));
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(new DecimalFormat("0.###"));
        y.setMinorTickMarksVisible(false);
        y.setLabelFont(FONT);
        return y;
    }

    private static XYErrorRenderer errorRenderer(Iterable<String> models) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setCapLength(6);
        r.setDefaultLinesVisible(true);
        styleSeries(r, models, DOT, true);
        r.setErrorStroke(new BasicStroke(1.2f));
        return r;
    }

    private static XYLineAndShapeRenderer idealRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(0x444444));
        r.setSeriesStroke(0, dashed(1.5f));
        r.setSeriesPaint(1, new Color(0xAAAAAA)); // a second bound, where a workload has one
        r.setSeriesStroke(1, dashed(1.5f));
        return r;
    }

    private static XYLineAndShapeRenderer markerRenderer(Iterable<String> models, Shape shape, boolean lines) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, true);
        styleSeries(r, models, shape, lines);
        r.setUseFillPaint(false);
        r.setDrawOutlines(true);
        r.setUseOutlinePaint(false);
        r.setDefaultShapesFilled(shape == DOT);
        return r;
    }

    /** Series i is model i: its palette colour, the given shape, a 2 px line. */
    private static void styleSeries(XYLineAndShapeRenderer r, Iterable<String> models, Shape shape, boolean inLegend) {
        int i = 0;
        for (String model : models) {
            r.setSeriesPaint(i, Palette.color(model));
            r.setSeriesShape(i, shape);
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesVisibleInLegend(i, inLegend);
            i++;
        }
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private static Shape cross() {
        Path2D p = new Path2D.Double();
        p.moveTo(-6, -6);
        p.lineTo(6, 6);
        p.moveTo(-6, 6);
        p.lineTo(6, -6);
        return p;
    }

    private static JFreeChart chart(XYPlot plot) {
        JFreeChart chart = new JFreeChart(null, FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(FONT);
        chart.setAntiAlias(true);
        return chart;
    }

    private static String svg(String id, JFreeChart chart) {
        return svg(id, chart, WIDTH, HEIGHT);
    }

    private static String svg(String id, JFreeChart chart, int w, int h) {
        SVGGraphics2D g2 = new SVGGraphics2D(w, h);
        g2.setDefsKeyPrefix(id + "-");
        chart.draw(g2, new Rectangle(0, 0, w, h));
        return g2.getSVGElement(id);
    }
}
