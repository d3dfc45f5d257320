/* The comparison chart of reviewer/review_compare.html; data from json_script "compare-data". */
(function () {
  var el = document.getElementById('compare-chart');
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(document.getElementById('compare-data').textContent);
  var chart = echarts.init(el);
  function draw(key) {
    var unit = data.units[key] || '';
    chart.setOption({
      title: {text: data.labels[key] + (unit ? '（' + unit + '）' : ''), textStyle: {fontSize: 13, fontWeight: 'normal'}},
      tooltip: {trigger: 'axis', valueFormatter: function (v) { return v == null ? '未载明' : v + unit; }},
      grid: {left: 70, right: 20, bottom: 80, top: 40},
      xAxis: {type: 'category', data: data.categories, axisLabel: {rotate: 30, interval: 0}},
      yAxis: {type: 'value'},
      series: [{type: 'bar', name: data.labels[key], data: data.series[key], itemStyle: {color: '#206bc4'}, label: {show: true, position: 'top'}}]
    }, true);
  }
  var select = document.getElementById('chart-key');
  draw(select.value || data.selected);
  select.addEventListener('change', function () { draw(select.value); });
  window.addEventListener('resize', function () { chart.resize(); });
})();
