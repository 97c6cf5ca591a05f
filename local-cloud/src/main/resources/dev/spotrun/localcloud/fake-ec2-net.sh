#!/bin/sh
# The network of a fake EC2 host, run inside it as root:
#   spotrun-fake-ec2-net cut PORT            reset every established TCP connection to PORT at once
#   spotrun-fake-ec2-net blackhole PORT      drop every packet to and from PORT, silently, until restored
#   spotrun-fake-ec2-net restore PORT        end the black hole; connections that lived through it carry on
#   spotrun-fake-ec2-net forward PORT TARGET make 127.0.0.1:PORT inside the host lead to TARGET (IP:PORT)
set -u
op=${1:-}
port=${2:-}
case "$port" in
  '' | *[!0-9]*) echo "spotrun-fake-ec2-net: PORT must be a number, not '$port'" >&2; exit 2 ;;
esac

case "$op" in
  cut)
    # What `ss -K sport = :PORT` does, without iproute2: SOCK_DESTROY over sock_diag for each established socket.
    # The kernel aborts the socket and sends the peer a reset (it needs CONFIG_INET_DIAG_DESTROY).
    exec perl - "$port" <<'PERL'
use strict; use warnings; use Socket;
my $port = shift;
socket(my $nl, 16, SOCK_RAW, 4) or die "spotrun-fake-ec2-net: no sock_diag netlink socket: $!\n";
my $kernel = pack('S x2 L L', 16, 0, 0);
my ($seq, $reset, @failed) = (1, 0);
for my $table ([AF_INET, '/proc/net/tcp', 8], [AF_INET6, '/proc/net/tcp6', 32]) {
  my ($family, $file, $digits) = @$table;
  open(my $in, '<', $file) or next;
  while (<$in>) {
    my @f = split;
    next unless defined $f[3] && $f[3] eq '01';
    next unless $f[1] =~ /^([0-9A-F]{$digits}):([0-9A-F]{4})$/ && hex($2) == $port;
    my ($local, $lport) = ($1, hex $2);
    $f[2] =~ /^([0-9A-F]{$digits}):([0-9A-F]{4})$/ or next;
    my ($remote, $rport) = ($1, hex $2);
    # /proc prints each 32-bit word of an address in host order.
    my $addr = sub { pack 'a16', join '', map { pack 'V', hex } unpack '(A8)*', shift };
    my $req = pack('C C C C L', $family, 6, 0, 0, 0xFFFFFFFF) . pack('n n', $lport, $rport)
        . $addr->($local) . $addr->($remote) . pack('L L L', 0, 0xFFFFFFFF, 0xFFFFFFFF);
    defined send($nl, pack('L S S L L', 16 + length $req, 21, 5, $seq++, 0) . $req, 0, $kernel)
        or die "spotrun-fake-ec2-net: sock_diag: $!\n";
    defined recv($nl, my $ack, 4096, 0) or die "spotrun-fake-ec2-net: sock_diag: $!\n";
    my $error = unpack('x16 l', $ack);
    if ($error == 0) { $reset++ } else { local $! = -$error; push @failed, "$!" }
  }
}
die "spotrun-fake-ec2-net: resetting connections failed: @failed\n" if @failed;
print "reset $reset connection(s) to port $port\n";
PERL
    ;;
  blackhole)
    iptables -w -C INPUT -p tcp --dport "$port" -j DROP 2>/dev/null \
      || iptables -w -I INPUT 1 -p tcp --dport "$port" -j DROP || exit 1
    iptables -w -C OUTPUT -p tcp --sport "$port" -j DROP 2>/dev/null \
      || iptables -w -I OUTPUT 1 -p tcp --sport "$port" -j DROP || exit 1
    echo "port $port black-holed: its packets are dropped until restored"
    ;;
  restore)
    while iptables -w -D INPUT -p tcp --dport "$port" -j DROP 2>/dev/null; do :; done
    while iptables -w -D OUTPUT -p tcp --sport "$port" -j DROP 2>/dev/null; do :; done
    echo "port $port restored"
    ;;
  forward)
    target=${3:-}
    ip=${target%:*}
    tport=${target##*:}
    # Packets a process here sends to 127.0.0.1:PORT go to TARGET instead; their loopback source is rewritten
    # on the way out, which the kernel allows with route_localnet (set when the host is created).
    echo 1 >/proc/sys/net/ipv4/conf/all/route_localnet 2>/dev/null || true
    iptables -w -t nat -A OUTPUT -d 127.0.0.1/32 -p tcp --dport "$port" -j DNAT --to-destination "$target" \
      && iptables -w -t nat -A POSTROUTING -s 127.0.0.1/32 -d "$ip/32" -p tcp --dport "$tport" -j MASQUERADE \
      || exit 1
    echo "127.0.0.1:$port leads to $target"
    ;;
  *)
    echo "spotrun-fake-ec2-net: unknown operation '$op'; use cut, blackhole, restore or forward" >&2
    exit 2
    ;;
esac
