# NixOS minimal: one file system, no boot loader (benchmarks --nixpkgs: nixpkgs-nixos-minimal)
{ ... }: {
  fileSystems."/".device = "/dev/sda1";
  boot.loader.grub.enable = false;
  system.stateVersion = "24.11";
}
