namespace Pipeline.Images.Base;

/// <summary>
/// What is removed from the debootstrapped tree (run as <c>sh -c Script strip &lt;rootfs&gt;</c>): apt lists and caches, docs but
/// copyrights, man and info pages, translations, iconv modules, leap-second time zones, logs, and the host's resolv.conf and
/// hostname. dpkg and apt stay usable; their config keeps later installs just as slim, like Docker's official Debian slim images.
/// </summary>
internal static class MinbaseStrip
{
    public const string Script = """
        set -eu
        cd "$1"
        rm -rf var/lib/apt/lists/* var/cache/debconf/*-old var/lib/dpkg/*-old var/log/* \
          usr/share/man/* usr/share/info/* usr/share/lintian usr/share/bash-completion \
          usr/lib/*-linux-gnu/gconv usr/share/zoneinfo/right dev/* tmp/* var/tmp/* etc/resolv.conf etc/hostname
        find var/cache/apt -type f -delete
        find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
        find usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete
        find usr/share/doc -mindepth 1 -type d -empty -delete
        cat > etc/dpkg/dpkg.cfg.d/app-pipeline-slim <<'END'
        path-exclude /usr/share/doc/*
        path-include /usr/share/doc/*/copyright
        path-exclude /usr/share/man/*
        path-exclude /usr/share/info/*
        path-exclude /usr/share/locale/*
        path-include /usr/share/locale/locale.alias
        path-exclude /usr/share/lintian/*
        END
        cat > etc/apt/apt.conf.d/app-pipeline-slim <<'END'
        Acquire::Languages "none";
        Dir::Cache::pkgcache "";
        Dir::Cache::srcpkgcache "";
        DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb || true"; };
        END
        """;
}
