use plotters::prelude::*;

use super::*;

#[test]
fn a_canvas_not_laid_out_gets_no_bitmap() {
    assert_eq!(bitmap_size(600.0, 190.0, 2.0), Some((1200, 380)));
    // Before layout the box is 0 wide: drawing a 1-pixel-wide bitmap smeared into bands.
    assert_eq!(bitmap_size(0.0, 190.0, 1.0), None);
    assert_eq!(bitmap_size(600.0, 0.0, 1.0), None);
    assert_eq!(bitmap_size(f64::NAN, 190.0, 1.0), None);
    assert_eq!(bitmap_size(600.0, 190.0, f64::NAN), None);
}

#[test]
fn time_ticks_fall_on_round_times() {
    // A four-hour run from 14:00 gets half-hourly ticks from 14:00.
    assert_eq!(
        time_ticks(14 * 3600, 4 * 3600, 10),
        (0..=8).map(|i| i * 1800).collect::<Vec<_>>()
    );
    // A one-hour run from 14:10 gets quarter-hour ticks, the first at 14:15.
    assert_eq!(
        time_ticks(14 * 3600 + 600, 3600, 10),
        vec![300, 1200, 2100, 3000]
    );
    // On a phone-wide chart, hourly.
    assert_eq!(
        time_ticks(14 * 3600, 4 * 3600, 5),
        vec![0, 3600, 7200, 10_800, 14_400]
    );
}

#[test]
fn decimation_keeps_peaks_and_bounds_the_count() {
    let points: Vec<(u32, f32)> = (0..10_000)
        .map(|t| (t, if t == 5_001 { 99.0 } else { (t % 7) as f32 }))
        .collect();
    let out = decimate(&points, 400);
    assert!(out.len() <= 400, "{}", out.len());
    assert!(out.iter().any(|p| p.1 == 99.0));
    assert!(out.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn values_that_are_not_numbers_never_reach_the_drawing() {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
        let spec = ChartSpec {
            title: "Traffic".into(),
            start_s_of_day: 14 * 3600,
            x_end: 3600,
            y_min_top: 10.0,
            right_axis: None,
            lines: vec![Line {
                label: "requests/s".into(),
                color: BLUE,
                dashed: false,
                right: false,
                points: vec![
                    (0, 5.0),
                    (600, f32::NAN),
                    (1200, f32::INFINITY),
                    (1800, 7.0),
                ],
            }],
            bands: Vec::new(),
            rules: Vec::new(),
            marks: Vec::new(),
            now: Some(1800),
            palette: LIGHT,
            scale: 1.0,
        };
        draw(&area, &spec).unwrap();
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    assert!(
        svg.contains("<polyline"),
        "the finite points still make a line"
    );
}

#[test]
fn draws_lines_and_labels_to_svg() {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
        let spec = ChartSpec {
            title: "Error rate".into(),
            start_s_of_day: 14 * 3600,
            x_end: 3600,
            y_min_top: 10.0,
            right_axis: Some(("p95 (s)".into(), 2.0)),
            lines: vec![
                Line {
                    label: "errors".into(),
                    color: RED,
                    dashed: false,
                    right: false,
                    points: vec![(0, 0.0), (1800, 50.0), (3600, 100.0)],
                },
                Line {
                    label: "p95".into(),
                    color: BLUE,
                    dashed: true,
                    right: true,
                    points: vec![(0, 0.1), (1800, 9.0), (3600, 10.0)],
                },
            ],
            bands: vec![Band {
                label: "gap".into(),
                color: BLUE,
                points: vec![(0, 0.0, 1.0), (1800, 10.0, 40.0), (3600, 20.0, 20.0)],
            }],
            rules: vec![Rule {
                label: "page at 5%".into(),
                value: 5.0,
                color: RED,
                right: false,
            }],
            marks: vec![Mark {
                tick: 900,
                label: "restart_all".into(),
            }],
            now: Some(2000),
            palette: LIGHT,
            scale: 1.0,
        };
        draw(&area, &spec).unwrap();
    }
    assert!(svg.contains("Error rate"));
    assert!(svg.contains("14:30"), "x labels are times of day");
    assert!(svg.contains("<polyline"), "the line is drawn");
    assert!(svg.contains("page at 5%"), "thresholds are labelled");
    assert!(svg.contains("restart_all"), "actions are marked");
    assert!(
        svg.contains("\nerrors\n") && svg.contains("\np95\n"),
        "the legend names the lines"
    );
    assert!(
        svg.contains("<polygon") && svg.contains("gap"),
        "the band is shaded and named"
    );
}
