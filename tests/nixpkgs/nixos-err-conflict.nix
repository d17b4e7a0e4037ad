# NixOS configuration with two conflicting definitions of one option
{ ... }: { imports = [ { networking.hostName = "a"; } { networking.hostName = "b"; } ]; fileSystems."/".device = "/dev/sda1"; boot.loader.grub.enable = false; system.stateVersion = "24.11"; }
