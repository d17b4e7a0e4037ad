# A larger NixOS system: a desktop environment, several services, users (nixpkgs-nixos-desktop)
{ pkgs, ... }: {
  fileSystems."/".device = "/dev/sda1";
  fileSystems."/home" = { device = "/dev/sda2"; fsType = "ext4"; };
  boot.loader.grub.device = "/dev/sda";
  networking.hostName = "desk";
  networking.networkmanager.enable = true;
  time.timeZone = "Europe/Paris";
  services.xserver.enable = true;
  services.xserver.desktopManager.xfce.enable = true;
  services.xserver.displayManager.lightdm.enable = true;
  services.pipewire = { enable = true; pulse.enable = true; };
  services.openssh.enable = true;
  services.nginx = { enable = true; virtualHosts."example.org".root = "/var/www"; };
  services.postgresql.enable = true;
  services.printing.enable = true;
  networking.firewall.allowedTCPPorts = [ 80 443 ];
  users.users.alice = { isNormalUser = true; extraGroups = [ "wheel" "networkmanager" ]; };
  users.users.bob = { isNormalUser = true; };
  environment.systemPackages = with pkgs; [ git vim firefox htop ];
  programs.zsh.enable = true;
  system.stateVersion = "24.11";
}
