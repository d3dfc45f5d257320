/* The charts of the indicator dashboard (indicators/dashboard.html); data from json_script "dashboard-data". */
(function () {
  var source = document.getElementById('dashboard-data');
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var t = data.trend;
  var c = echarts.init(document.getElementById('trend'));
  c.setOption({tooltip:{trigger:'axis'}, legend:{data:['收案','审结']}, grid:{left:40,right:20,bottom:30},
    xAxis:{type:'category', data:t.months}, yAxis:{type:'value'},
    series:[{name:'收案', type:'bar', data:t.received}, {name:'审结', type:'line', data:t.concluded}]});
  var cmp = data.comparison;
  if (cmp.length) {
    var c3 = echarts.init(document.getElementById('comparison'));
    c3.setOption({tooltip:{trigger:'axis'}, legend:{data:['纠错率(%)','负责人出庭应诉率(%)']}, grid:{left:50,right:20,bottom:30},
      xAxis:{type:'category', data:cmp.map(function(x){return x.name;})}, yAxis:{type:'value', max:100},
      series:[{name:'纠错率(%)', type:'bar', data:cmp.map(function(x){return x.correction_rate;})},
              {name:'负责人出庭应诉率(%)', type:'bar', data:cmp.map(function(x){return x.head_appearance_rate;})}]});
  }
  var r = data.ranking;
  if (r.length) {
    var c2 = echarts.init(document.getElementById('ranking'));
    r = r.slice().reverse();
    c2.setOption({tooltip:{formatter:function(p){var x=r[p.dataIndex]; return x.name+'：'+x.rate+'%（'+x.corrected+'/'+x.n+'）';}},
      grid:{left:130,right:30,bottom:20,top:10}, xAxis:{type:'value', axisLabel:{formatter:'{value}%'}},
      yAxis:{type:'category', data:r.map(function(x){return x.name;})}, series:[{type:'bar', data:r.map(function(x){return x.rate;})}]});
  }
})();
