// The small browser scripts: enhancements only (every form works without them). Served as static files so the
// CSP can forbid inline scripts.

/** On every page: language switch on change, live switch label. */
export const APP_JS = `(function(){
document.documentElement.classList.add('js');
document.querySelectorAll('select[data-autosubmit]').forEach(function(el){el.addEventListener('change',function(){el.form.submit();});});
var toggle=document.getElementById('genai-toggle');var label=document.getElementById('toggle-state');
if(toggle&&label){toggle.addEventListener('change',function(){label.textContent=toggle.checked?label.dataset.on:label.dataset.off;});}
})();`;

/** The admin dashboard: charts from /v1/admin/stats and live progress of running builds. */
export const ADMIN_JS = `(function(){
var palette=['#0a58ca','#1a7f37','#bf8700','#a40e26','#8250df','#0e7490','#57606a','#d4a72c','#cf222e','#2da44e','#6e7781','#953800','#116329'];
function el(tag,attrs,text){var e=document.createElement(tag);for(var k in attrs){e.setAttribute(k,attrs[k]);}if(text!==undefined){e.textContent=text;}return e;}
function table(forKey,headers,rows){var host=document.querySelector('.chart-table[data-for="'+forKey+'"]');if(!host){return;}
var d=el('details');d.appendChild(el('summary',{},'Show as table'));var t=el('table');var tr=el('tr');headers.forEach(function(h){tr.appendChild(el('th',{scope:'col'},h));});
var thead=el('thead');thead.appendChild(tr);t.appendChild(thead);var tb=el('tbody');rows.forEach(function(r){var row=el('tr');r.forEach(function(c){row.appendChild(el('td',{},String(c)));});tb.appendChild(row);});t.appendChild(tb);d.appendChild(t);host.innerHTML='';host.appendChild(d);}
function chart(id,config){var c=document.getElementById(id);if(!c||typeof Chart==='undefined'){return;}config.options=Object.assign({responsive:true,maintainAspectRatio:false,animation:false,plugins:{legend:{labels:{color:'#1b1f24'}}}},config.options||{});c.parentElement.style.minHeight='300px';c.style.height='240px';new Chart(c,config);}
function render(s){
document.getElementById('stat-eligible').textContent=((s.funnel.find(function(f){return f.reason==='allowed';})||{count:0}).count).toLocaleString('en');
chart('chart-funnel',{type:'bar',data:{labels:s.funnel.map(function(f){return f.reason.replace(/_/g,' ');}),datasets:[{label:'Members',data:s.funnel.map(function(f){return f.count;}),backgroundColor:s.funnel.map(function(f){return f.reason==='allowed'?'#1a7f37':'#0a58ca';})}]},options:{indexAxis:'y',plugins:{legend:{display:false}},scales:{x:{beginAtZero:true,ticks:{precision:0}}}}});
table('funnel',['Reason','Members'],s.funnel.map(function(f){return [f.reason,f.count];}));
var statuses={};s.consent_changes.forEach(function(d){Object.keys(d).forEach(function(k){if(k!=='day'){statuses[k]=true;}});});
var keys=Object.keys(statuses).sort();var statusColor={given:'#1a7f37',withdrawn:'#bf3989',refused:'#a40e26'};
var unitNote=document.getElementById('changes-unit');if(unitNote){unitNote.textContent='Recorded choices per '+(s.consent_changes_unit||'day')+'.';}
chart('chart-changes',{type:'bar',data:{labels:s.consent_changes.map(function(d){return d.day;}),datasets:keys.map(function(k,i){var c=statusColor[k]||palette[i%palette.length];return {label:k,data:s.consent_changes.map(function(d){return d[k]||0;}),borderColor:c,backgroundColor:c};})},options:{scales:{x:{stacked:true},y:{stacked:true,beginAtZero:true,ticks:{precision:0}}}}});
table('changes',['Day'].concat(keys),s.consent_changes.map(function(d){return [d.day].concat(keys.map(function(k){return d[k]||0;}));}));
chart('chart-country',{type:'bar',data:{labels:s.opt_out_by_country.map(function(c){return c.country;}),datasets:[{label:'Opt-out rate (%)',data:s.opt_out_by_country.map(function(c){return Math.round(c.rate*1000)/10;}),backgroundColor:'#bf8700'}]},options:{plugins:{legend:{display:false}},scales:{y:{beginAtZero:true,title:{display:true,text:'%'}}}}});
table('country',['Country','Members','Opted out','Rate'],s.opt_out_by_country.map(function(c){return [c.country,c.members,c.opted_out,(Math.round(c.rate*1000)/10)+'%'];}));
var types={};s.redactions_by_build.forEach(function(b){Object.keys(b.counts).forEach(function(k){types[k]=true;});});var tk=Object.keys(types).sort();
chart('chart-redactions',{type:'bar',data:{labels:s.redactions_by_build.map(function(b){return b.build_id.slice(0,14);}),datasets:tk.map(function(k,i){return {label:k,data:s.redactions_by_build.map(function(b){return b.counts[k]||0;}),backgroundColor:palette[i%palette.length]};})},options:{scales:{x:{stacked:true},y:{stacked:true,beginAtZero:true,ticks:{precision:0}}}}});
table('redactions',['Build'].concat(tk),s.redactions_by_build.map(function(b){return [b.build_id].concat(tk.map(function(k){return b.counts[k]||0;}));}));
var ml=document.getElementById('models-lineage');ml.innerHTML='';
if(s.models.length===0){ml.appendChild(el('p',{class:'empty'},'No models registered yet.'));}else{var t=el('table');var h=el('tr');['Model','Builds','Members','Withdrawn since','Flagged'].forEach(function(x){h.appendChild(el('th',{scope:'col'},x));});var th=el('thead');th.appendChild(h);t.appendChild(th);var tb=el('tbody');
s.models.forEach(function(m){var r=el('tr');[m.name+' '+m.version,m.build_ids.join(', '),m.members.toLocaleString('en'),m.withdrawn_since.toLocaleString('en'),m.flagged_at?m.flagged_at.slice(0,10):'no'].forEach(function(c){r.appendChild(el('td',{},c));});tb.appendChild(r);});t.appendChild(tb);var w=el('div',{class:'table-wrap'});w.appendChild(t);ml.appendChild(w);}
var a=document.getElementById('audit-status');var st=document.getElementById('stat-audit');
if(!s.audit){a.textContent='No audit verifier is configured.';st.textContent='n/a';}else{a.className=s.audit.ok?'ok':'bad';a.textContent=(s.audit.ok?'Intact: ':'Broken: ')+s.audit.entries.toLocaleString('en')+' entries verified. '+s.audit.detail;st.textContent=s.audit.ok?'Intact':'Broken';}
}
fetch('/v1/admin/stats',{credentials:'same-origin'}).then(function(r){return r.json();}).then(render).catch(function(){});
function poll(){var rows=document.querySelectorAll('tr[data-build][data-state="running"]');if(rows.length===0){return;}
rows.forEach(function(row){fetch('/v1/builds/'+encodeURIComponent(row.dataset.build),{credentials:'same-origin'}).then(function(r){return r.json();}).then(function(b){
row.dataset.state=b.state;var s=row.querySelector('[data-role=state]');s.textContent=b.state;s.className='badge badge-'+b.state;
var p=row.querySelector('[data-role=progress]');var pr=b.progress||{done:0,total:null};p.textContent=pr.total?Math.floor(100*pr.done/pr.total)+'% ('+pr.done.toLocaleString('en')+' / '+pr.total.toLocaleString('en')+')':pr.done.toLocaleString('en')+' items';});});
setTimeout(poll,700);}
setTimeout(poll,300);
})();`;
