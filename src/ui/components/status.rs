//! The status strip: the numbers an incident commander reads from across the room.

use yew::prelude::*;

use crate::sim::render::thousands;
use crate::ui::view::format;
use crate::ui::view::status::{Slo, Status};

#[derive(Properties, PartialEq)]
pub struct StatusStripProps {
    pub status: Status,
    pub currency: AttrValue,
    /// The service sells something: orders and revenue lost are shown.
    #[prop_or(true)]
    pub sells: bool,
    pub error_slo_pct: f64,
    pub slo_latency_ms_p95: f64,
}

fn cell(label: &str, value: String, class: &'static str) -> Html {
    html! {
        <div class={classes!("cell", class)}>
            <span class="label">{ label.to_string() }</span>
            <span class="value">{ value }</span>
        </div>
    }
}

#[component]
pub fn StatusStrip(props: &StatusStripProps) -> Html {
    let s = &props.status;
    let level = |bad: bool, warn: bool| {
        if bad {
            "bad"
        } else if warn {
            "warn"
        } else {
            "ok"
        }
    };
    let err_class = level(s.slo == Slo::Outage, s.error_pct > props.error_slo_pct);
    let p95_class = level(false, s.latency_ms_p95 > props.slo_latency_ms_p95);
    html! {
        <section class={classes!("status", (!props.sells).then_some("sells-nothing"))} aria-label="Service status">
            <div class={classes!("cell", "incident", s.incident_class)}>
                <span class="label">{ "Incident" }</span>
                <span class="value" role="status">{ s.incident.clone() }</span>
            </div>
            { cell("Errors", format::pct(s.error_pct), err_class) }
            { cell("p95 latency", format::ms(s.latency_ms_p95), p95_class) }
            { cell("Users affected", format::pct(s.affected_pct), level(s.affected_pct >= 20.0, s.affected_pct >= 1.0)) }
            if props.sells {
                { cell("Orders lost", thousands(s.orders_lost), level(false, s.orders_lost >= 1.0)) }
                { cell("Revenue lost", format!("{} {}", props.currency, format::compact(s.revenue_lost)), level(false, s.revenue_lost >= 1.0)) }
            }
            { cell("SLO", s.slo.word().to_string(), s.slo.class()) }
            { cell("Severity", s.severity.clone().unwrap_or_else(|| "not declared".into()), if s.severity.is_some() { "ok" } else { "warn" }) }
        </section>
    }
}
