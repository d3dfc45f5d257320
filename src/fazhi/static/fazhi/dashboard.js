/* The charts of the indicator dashboard (indicators/dashboard.html); data from json_script "dashboard-data".
   data.charts: the charts the apps declare (core/contract.py `dashboard_charts`), drawn by their kind:
     series   {categories, series: [{name, type: "bar"|"line", data}]}
     ranking  [{name, rate, corrected, n}], best first, drawn as horizontal bars
   data.comparison: the sub-jurisdiction comparison. */
(function () {
  var source = document.getElementById('dashboard-data');
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var draw = {
    series: function (el, d) {
      echarts.init(el).setOption({tooltip:{trigger:'axis'}, legend:{data:d.series.map(function(s){return s.name;})},
        grid:{left:40,right:20,bottom:30}, xAxis:{type:'category', data:d.categories}, yAxis:{type:'value'},
        series:d.series.map(function(s){return {name:s.name, type:s.type, data:s.data};})});
    },
    ranking: function (el, d) {
      if (!d.length) { return; }
      var r = d.slice().reverse();
      echarts.init(el).setOption({tooltip:{formatter:function(p){var x=r[p.dataIndex]; return x.name+'：'+x.rate+'%（'+x.corrected+'/'+x.n+'）';}},
        grid:{left:130,right:30,bottom:20,top:10}, xAxis:{type:'value', axisLabel:{formatter:'{value}%'}},
        yAxis:{type:'category', data:r.map(function(x){return x.name;})}, series:[{type:'bar', data:r.map(function(x){return x.rate;})}]});
    }
  };
  data.charts.forEach(function (chart) {
    var el = document.getElementById(chart.id);
    if (el && draw[chart.kind]) { draw[chart.kind](el, chart.data); }
  });
  var cmp = data.comparison;
  if (cmp.length) {
    var c3 = echarts.init(document.getElementById('comparison'));
    c3.setOption({tooltip:{trigger:'axis'}, legend:{data:['纠错率(%)','负责人出庭应诉率(%)']}, grid:{left:50,right:20,bottom:30},
      xAxis:{type:'category', data:cmp.map(function(x){return x.name;})}, yAxis:{type:'value', max:100},
      series:[{name:'纠错率(%)', type:'bar', data:cmp.map(function(x){return x.correction_rate;})},
              {name:'负责人出庭应诉率(%)', type:'bar', data:cmp.map(function(x){return x.head_appearance_rate;})}]});
  }
})();
