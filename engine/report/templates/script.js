(function(){
var R=document.documentElement;R.setAttribute('data-dir',getComputedStyle(document.body).direction);
R.setAttribute('data-css',getComputedStyle(R).getPropertyValue('--rasti-css').trim());
var T=[].slice.call(document.querySelectorAll('[data-flag-target]')),cur=-1;
function show(t){var p=document.querySelector('.f.current');if(p)p.classList.remove('current');
if(t.classList.contains('f'))t.classList.add('current');t.focus({preventScroll:true});t.scrollIntoView({block:'center'});}
function go(i){if(!T.length)return;cur=(i+T.length)%T.length;show(T[cur]);}
document.addEventListener('keydown',function(e){if(e.altKey||e.ctrlKey||e.metaKey)return;
var g=e.target,n=(g.tagName||'').toLowerCase();if(n==='input'||n==='textarea'||n==='select'||g.isContentEditable)return;
var c=e.code||'';if(c==='KeyN'||c==='KeyJ'){go(cur+1);e.preventDefault();}
else if(c==='KeyP'||c==='KeyK'){go(cur-1);e.preventDefault();}});
document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('[data-jump]');if(!a)return;
var t=document.getElementById(a.getAttribute('data-jump'));if(t&&t.hasAttribute('data-alias'))t=document.getElementById(t.getAttribute('data-alias'));
if(!t)return;e.preventDefault();
if(!t.hasAttribute('tabindex'))t.setAttribute('tabindex','-1');var i=T.indexOf(t);if(i>=0)cur=i;show(t);
if(history.replaceState)history.replaceState(null,'','#'+t.id);});
document.addEventListener('focusin',function(e){var i=T.indexOf(e.target);if(i>=0)cur=i;});
})();