namespace Pipeline.Images.Base;

/// <summary>
/// The script (run as <c>sh -c Script collect &lt;rootfs&gt; &lt;tarball&gt;</c> in a container of the minbase image) that copies
/// the installed files of <see cref="Packages"/> into an empty rootfs, with merged-usr links, the CA bundle and OpenSSL's links to
/// it, UTC as local time, root/nobody/app users, a <c>/tmp</c>, and a <c>/var/lib/dpkg/status.d</c> entry per package (as Google's
/// distroless images have, for scanners), then tars it. No executables are kept: no shell, no apt, no dpkg, no perl.
/// </summary>
internal static class DistrolessRootfs
{
    /// <summary>What a self-contained, invariant-globalization .NET app loads; ca-certificates contributes only its bundle.</summary>
    public static readonly IReadOnlyList<string> Packages = ["libc6", "libgcc-s1", "libstdc++6", "libssl3", "zlib1g", "tzdata", "ca-certificates"];

    /// <summary>The official chiseled images' non-root user, so <c>USER $APP_UID</c> works on the local equivalent too.</summary>
    public const int AppUid = 1654;

    public static string Script => $$"""
        set -eu
        out="$1"
        tarball="$2"
        rm -rf "$out" "$tarball"
        mkdir -p "$out/usr/bin" "$out/usr/lib" "$out/usr/lib64" "$out/usr/sbin" "$out/etc/ssl/certs" "$out/var/lib/dpkg/status.d" "$out/tmp" "$out/root" "$out/home/app"
        for d in bin lib lib64 sbin; do ln -s "usr/$d" "$out/$d"; done
        chmod 1777 "$out/tmp"
        chmod 700 "$out/root"
        for p in {{string.Join(' ', Packages)}}; do
          dpkg-query -s "$p" | grep -q '^Status: install ok installed' || { echo "package $p is not installed in the minbase image" >&2; exit 1; }
          dpkg-query -s "$p" > "$out/var/lib/dpkg/status.d/$p"
        done
        {
          dpkg-query -L {{string.Join(' ', Packages.Where(p => p != "ca-certificates"))}}
          printf '%s\n' /etc/ssl/certs/ca-certificates.crt /etc/ssl/openssl.cnf /usr/lib/ssl/cert.pem /usr/lib/ssl/certs /usr/lib/ssl/openssl.cnf \
            /usr/share/doc/ca-certificates/copyright /usr/share/doc/openssl/copyright /usr/lib/os-release /etc/os-release
        } | while read -r path; do
          [ -f "$path" ] || [ -L "$path" ] || continue
          real="$(realpath "$(dirname "$path")")/$(basename "$path")"
          case "$real" in
            /usr/bin/* | /usr/sbin/* | /usr/share/lintian/* | /usr/share/doc/*/changelog* | /usr/share/doc/*/NEWS* | /usr/share/doc/*/README*) continue ;;
          esac
          printf '%s\n' "${real#/}"
        done | sort -u > /tmp/files
        tar -C / --no-recursion -cf - -T /tmp/files | tar -C "$out" -xpf -
        test -s "$out/etc/ssl/certs/ca-certificates.crt"
        ln -sf /usr/share/zoneinfo/Etc/UTC "$out/etc/localtime"
        echo Etc/UTC > "$out/etc/timezone"
        printf '%s\n' 'root:x:0:0:root:/root:/usr/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' \
          'app:x:{{AppUid}}:{{AppUid}}::/home/app:/usr/sbin/nologin' > "$out/etc/passwd"
        printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' 'app:x:{{AppUid}}:' > "$out/etc/group"
        printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' > "$out/etc/nsswitch.conf"
        chown {{AppUid}}:{{AppUid}} "$out/home/app"
        for forbidden in bin/sh bin/bash bin/dash usr/bin/perl usr/bin/apt usr/bin/dpkg; do
          if [ -e "$out/$forbidden" ]; then echo "$forbidden made it into the rootfs" >&2; exit 1; fi
        done
        tar --numeric-owner -C "$out" -cf "$tarball" .
        """;
}
