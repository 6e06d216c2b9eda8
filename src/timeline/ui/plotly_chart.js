// One Plotly chart that stays on the page across reruns: each new figure is drawn with
// Plotly.react on the same div (Plotly diffs the figure and redraws in place), where
// st.plotly_chart, keyed by the figure's hash, mounts a new chart and runs Plotly.newPlot on it.
// A click on a mark is sent back to Python as the trigger value "select", shaped as
// st.plotly_chart's selection ({points: [{customdata, curve_number, point_number}]}).
//
// Plotly is the one Streamlit's own chart element loads (its script, served by Streamlit with
// the page's other scripts and cached by the browser): imported here from the same address, it
// is one module, loaded once, shared with any st.plotly_chart of the page.

const CHART_CLASS = "timeline-plotly-chart";

function plotlyFrom(address) {
  // Importing the module runs Plotly's bundle, which sets window.Plotly.
  return import(new URL(address, document.baseURI).href).then(() => {
    if (!window.Plotly) {
      throw new Error("Plotly did not load from " + address);
    }
    return window.Plotly;
  });
}

function selectionOf(event) {
  return {
    points: (event.points || []).map((point) => ({
      customdata: point.customdata === undefined ? null : point.customdata,
      curve_number: point.curveNumber,
      point_number: point.pointNumber,
    })),
  };
}

// The page's font for the chart's text, as st.plotly_chart's theme gives it: a default under
// the figure's own settings (its template's layout), so a font the figure names still wins.
function inPageFont(layout, element) {
  const family = getComputedStyle(element).getPropertyValue("--st-font").trim();
  if (!family) {
    return layout;
  }
  const template = layout.template || {};
  const defaults = template.layout || {};
  const withFamily = (font) => (font && font.family ? font : { ...(font || {}), family });
  const hoverlabel = defaults.hoverlabel || {};
  return {
    ...layout,
    template: {
      ...template,
      layout: {
        ...defaults,
        font: withFamily(defaults.font),
        hoverlabel: { ...hoverlabel, font: withFamily(hoverlabel.font) },
      },
    },
  };
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let chart = parentElement.querySelector("." + CHART_CLASS);
  if (!chart) {
    chart = document.createElement("div");
    chart.className = CHART_CLASS;
    parentElement.appendChild(chart);
  }
  // The latest render's sender: a click after a rerun reaches the rerun's callback.
  chart.timelineSend = setTriggerValue;
  // The message comes as UTF-8 bytes of JSON (plotly_chart.py's chart_message).
  const message = JSON.parse(new TextDecoder().decode(data));
  const figure = message.figure;
  // The latest figure wins: a rerun that arrives while Plotly is still loading draws last.
  chart.timelineFigure = figure;
  plotlyFrom(message.plotly).then((Plotly) => {
    if (chart.timelineFigure !== figure) {
      return;
    }
    const layout = inPageFont(figure.layout || {}, parentElement);
    return Plotly.react(chart, figure.data || [], layout, message.config || {})
      .then(() => {
        if (!chart.timelineListening) {
          chart.timelineListening = true;
          chart.on("plotly_click", (event) => {
            if (event && event.points && event.points.length) {
              chart.timelineSend("select", selectionOf(event));
            }
          });
        }
      });
  }).catch((error) => {
    chart.textContent = "The chart could not be drawn: " + error.message;
  });
}
