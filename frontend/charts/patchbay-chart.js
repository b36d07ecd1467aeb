// A chart drawn by Chart.js (MIT) from a configuration the server sets as JSON: the server owns what is shown, the
// browser only draws it. Light DOM, so the page's styles size it.
import { Chart } from 'chart.js/auto';

class PatchbayChart extends HTMLElement {
  connectedCallback() {
    if (!this.canvas) {
      this.canvas = document.createElement('canvas');
      this.appendChild(this.canvas);
    }
    this.draw();
  }

  disconnectedCallback() {
    if (this.chart) {
      this.chart.destroy();
      this.chart = undefined;
    }
  }

  set config(json) {
    this.parsed = json ? JSON.parse(json) : undefined;
    this.draw();
  }

  draw() {
    if (!this.isConnected || !this.canvas || !this.parsed) {
      return;
    }
    if (this.chart) {
      this.chart.destroy();
    }
    const config = structuredClone(this.parsed);
    config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...(config.options || {}) };
    this.chart = new Chart(this.canvas, config);
  }
}

customElements.define('patchbay-chart', PatchbayChart);
