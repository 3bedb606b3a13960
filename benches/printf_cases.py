# One `%`-formatting expression per statement, for benches/printf-vs-peers.sh:
# each statement is a case, run through molt and its peers on its own and
# checked for behaviour with tests/oracle/printf_behaviour.py.
'%s' % (x,)
'%r' % (x,)
'%a' % (x,)
'%d' % (x,)
'%i' % (x,)
'%u' % (x,)
'%f' % (x,)
'%F' % (x,)
'%e' % (x,)
'%E' % (x,)
'%g' % (x,)
'%G' % (x,)
'%x' % (x,)
'%X' % (x,)
'%o' % (x,)
'%c' % (x,)
'100%% of %s' % (x,)
'100%%' % ()
'%-5s|' % (x,)
'%+d' % (x,)
'% d' % (x,)
'%#x' % (x,)
'%#o' % (x,)
'%05d' % (x,)
'%-+8.3f' % (x,)
'%+.2e' % (x,)
'%#g' % (x,)
'%08.3f' % (x,)
'%5s' % (x,)
'%5d' % (x,)
'%.2s' % (x,)
'%4.4x' % (x,)
'%.3d' % (x,)
'%5.1f' % (x,)
'%.2f' % (x,)
'%10r' % (x,)
'%-10.3s' % (x,)
'%ld' % (x,)
'%s and %r' % (a, b)
'%s-%s' % (a, b)
'%s' % t
'%s' % [x]
'%s' % 'x'
'%d' % 5
'%s' % 5
'%.1f' % 2.5
'%d' % x
'%d items' % len(x)
'%s %s' % (x,)
'%s' % (x, y)
'%(name)s' % {'name': x}
'%(a)s-%(b)d' % {'a': a, 'b': b}
'%(name)s' % d
'%*d' % (w, x)
'%.*f' % (p, x)
b'%s' % (x,)
b'%d' % (x,)
fmt % (x,)
'%s' % (d["k"],)
"%s" % (d['k'],)
'%s' % ("it's",)
'%s' % ('\n'.join(x),)
'%s\t%s' % (a, b)
'{%s}' % (x,)
'%s, ' '%s' % (a, b)
('%s: %s'  # label, then value
 % (a, b))
('%s, '
 '%s' % (a, b))
'%s' % (x + 1,)
'%s' % (x if x else y,)
'%s' % (lambda: x,)
'%s' % ({'a': x},)
'%s' % (x.real,)
'%c' % 65
'%c' % 'A'
'%-+5d' % 5
'%- 5d' % 5
